package io.datasurface.notifier;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The notifier: operator events from Kafka to the platform's Slack channel. */
@TopCommand
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = "Posts DataSurface events (datasurface.events) to a KubernetesPGStarter platform's Slack channel, each once, "
                + "none lost. Exit 0 done, 1 failed, 2 unusable input.",
        subcommands = {ServeCommand.class, PreviewCommand.class})
public class NotifierCommand {
}
