package io.datasurface.renderservice;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Set;

/**
 * Starts the command line. Only {@code serve} opens a network listener: every other command runs with the HTTP server
 * turned off, so the system DAG's {@code render} never binds a port.
 */
@QuarkusMain
public class Main {
    /** Quarkus reads it before the command runs; an explicit setting still wins. */
    static final String HTTP_ENABLED = "quarkus.http.host-enabled";
    private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

    public static void main(String... args) {
        boolean turnedOff = !servesHttp(args) && System.getProperty(HTTP_ENABLED) == null;
        if (turnedOff) {
            System.setProperty(HTTP_ENABLED, "false");
        }
        try {
            Quarkus.run(PicocliRunner.class, args);
        } finally {
            // A JVM that runs more than one command (a test's) must not keep the setting for the next.
            if (turnedOff) {
                System.clearProperty(HTTP_ENABLED);
            }
        }
    }

    /** {@code serve}, unless it is only asked for its help or version. */
    public static boolean servesHttp(String... args) {
        return args.length > 0 && args[0].equals("serve") && Arrays.stream(args).noneMatch(HELP_OR_VERSION::contains);
    }
}
