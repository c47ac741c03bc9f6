package io.datasurface.metricsexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final Path RULES = Path.of("prometheus/datasurface-alerts.yml");
    private static final Path RULE_TESTS = Path.of("prometheus/datasurface-alerts-test.yml");

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PrometheusBinaries.promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void promtoolAcceptsTheRulesFile() throws Exception {
        Result result = promtool("check", "rules", RULES.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void eachAlertFiresOnItsSeriesAndNotBefore() throws Exception {
        Result result = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
