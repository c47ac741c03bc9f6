package io.datasurface.metricsexporter;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Runs the command line. Only {@code serve} listens on a port: every other command is a command line,
 * which opens none (two of them, or one next to a serving process, must not fight over 8080).
 */
@QuarkusMain
public class Main implements QuarkusApplication {
    static final String SERVE = "serve";

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length == 0 || !args[0].equals(SERVE)) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(MetricsExporterCommand.class, factory).execute(args);
    }
}
