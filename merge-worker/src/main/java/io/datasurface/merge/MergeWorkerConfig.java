package io.datasurface.merge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the merge-worker that are not part of the model. */
@ConfigMapping(prefix = "datasurface.merge-worker")
public interface MergeWorkerConfig {
    /** How long a run waits for another run of the same stream before giving up with "already running". */
    @WithDefault("10s")
    Duration lockWait();

    /** The topic operator events go to. */
    @WithDefault("datasurface.events")
    String eventsTopic();

    /** How long publishing an event may take before it is given up (the merge stays committed). */
    @WithDefault("5s")
    Duration eventTimeout();
}
