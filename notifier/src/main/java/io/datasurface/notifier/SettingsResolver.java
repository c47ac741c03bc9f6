package io.datasurface.notifier;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.render.PlatformSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * From the model's platform, the environment and the configuration to the notifier's settings: the
 * Kafka bootstrap servers (the model's, or {@value Environment#KAFKA_BOOTSTRAP_SERVERS}), the Slack
 * channel from the model, the webhook URL from the Slack credential's environment variable (e.g.
 * {@code SLACK_WEBHOOK_TOKEN}). Messages name the variable, never its value.
 */
@ApplicationScoped
public class SettingsResolver {
    @Inject
    Environment environment;

    @Inject
    NotifierConfig config;

    public NotifierSettings resolve(KubernetesPGStarter platform) throws UnusableInputException {
        String servers = environment.get(Environment.KAFKA_BOOTSTRAP_SERVERS).filter(s -> !s.isBlank()).orElse(platform.kafka().bootstrapServers());
        if (servers.equals("none")) {
            throw new UnusableInputException(Environment.KAFKA_BOOTSTRAP_SERVERS + " is 'none': the notifier needs Kafka to read events from");
        }
        String variable = PlatformSecrets.env(platform.slack().credential()).get(0).envVar();
        String credential = platform.slack().credential().name();
        String url = environment.get(variable).filter(v -> !v.isBlank()).orElseThrow(() -> new UnusableInputException("environment variable "
                + variable + " is not set: expose the Kubernetes secret of credential '" + credential + "' (key token: the incoming webhook's URL)"));
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(variable + " is not a URL (its value is not shown: it is a secret)");
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ENGLISH)) || uri.getHost() == null) {
            throw new UnusableInputException(variable + " is not an http(s) URL with a host (its value is not shown: it is a secret)");
        }
        return new NotifierSettings(servers, config.eventsTopic(), config.deliveredTopic(),
                config.groupId().orElse("datasurface-notifier." + platform.name()), platform.name(), platform.slack().channel(),
                new SlackWebhook(uri, "of credential " + credential, config.slackTimeout()), config.minInterval(), config.backoffInitial(),
                config.backoffMax(), config.dedupeRetention(), config.skipTypes().orElse(Set.of()), config.listLimit());
    }
}
