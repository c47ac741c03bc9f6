package io.datasurface.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Settings of the notifier that are not part of the model. */
@ConfigMapping(prefix = "datasurface.notifier")
public interface NotifierConfig {
    @WithDefault("datasurface.events")
    String eventsTopic();

    /** The compacted topic of posted event ids (see {@link DeliveredIds}). */
    @WithDefault("datasurface.notifier.delivered")
    String deliveredTopic();

    /** The consumer group; one per platform by default, so that each platform's notifier sees every event. */
    Optional<String> groupId();

    /** At least this long between two posts; Slack allows incoming webhooks about one message a second. */
    @WithDefault("1s")
    Duration minInterval();

    @WithDefault("1s")
    Duration backoffInitial();

    @WithDefault("60s")
    Duration backoffMax();

    /** How long a posted event's id is remembered: a republished duplicate within this time is dropped. */
    @WithDefault("7d")
    Duration dedupeRetention();

    @WithDefault("10s")
    Duration slackTimeout();

    /** CloudEvents types not posted, e.g. io.datasurface.merge.succeeded for a quiet channel. */
    Optional<Set<String>> skipTypes();

    /** Items of a list shown before the rest is cut to a count. */
    @WithDefault("10")
    int listLimit();
}
