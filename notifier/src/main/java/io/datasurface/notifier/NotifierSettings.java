package io.datasurface.notifier;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;

/**
 * Everything one notifier needs, resolved from the model, the environment and the configuration.
 *
 * @param platform events about other platforms are left to their own notifiers
 * @param minInterval at least this long between two posts to the webhook (Slack allows about one a second)
 * @param skipTypes CloudEvents types not posted (counted as dropped)
 */
public record NotifierSettings(String bootstrapServers, String eventsTopic, String deliveredTopic, String groupId, String platform,
        String channel, SlackWebhook webhook, Duration minInterval, Duration backoffInitial, Duration backoffMax,
        Duration dedupeRetention, Set<String> skipTypes, int listLimit) {
    public NotifierSettings {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(eventsTopic, "eventsTopic is null");
        requireNonNull(deliveredTopic, "deliveredTopic is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(webhook, "webhook is null");
        requireNonNull(minInterval, "minInterval is null");
        requireNonNull(backoffInitial, "backoffInitial is null");
        requireNonNull(backoffMax, "backoffMax is null");
        requireNonNull(dedupeRetention, "dedupeRetention is null");
        skipTypes = Set.copyOf(requireNonNull(skipTypes, "skipTypes is null"));
    }
}
