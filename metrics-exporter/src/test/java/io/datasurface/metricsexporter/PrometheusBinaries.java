package io.datasurface.metricsexporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the tests find prometheus, promtool and prometheus-pushgateway: Debian's packages extracted
 * into {@code $DATASURFACE_PROMETHEUS_HOME} (default {@code ~/.cache/datasurface/prometheus}, what
 * {@code .ci/run} does), else installed in {@code /usr/bin}. Missing binaries fail the test with
 * the commands that get them; nothing is skipped.
 */
final class PrometheusBinaries {
    static final String HOME_VARIABLE = "DATASURFACE_PROMETHEUS_HOME";

    private PrometheusBinaries() {
    }

    static Path prometheus() {
        return find("prometheus");
    }

    static Path promtool() {
        return find("promtool");
    }

    static Path pushgateway() {
        return find("prometheus-pushgateway");
    }

    private static Path find(String name) {
        String home = System.getenv(HOME_VARIABLE);
        Path extracted = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cache", "datasurface", "prometheus");
        for (Path candidate : List.of(extracted.resolve("usr/bin").resolve(name), Path.of("/usr/bin").resolve(name))) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " not found in " + extracted.resolve("usr/bin") + " nor /usr/bin. Get Debian's packages (what .ci/run does): "
                + "cd $(mktemp -d) && apt-get download prometheus prometheus-pushgateway && for d in *.deb; do dpkg-deb -x $d " + extracted
                + "; done (or set " + HOME_VARIABLE + " to the folder they were extracted into)");
    }
}
