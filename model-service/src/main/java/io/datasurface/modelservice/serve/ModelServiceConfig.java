package io.datasurface.modelservice.serve;

import io.datasurface.events.PlatformGraph;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of model-service that are not part of the model; every key and default is pinned by ModelServiceConfigTest. */
@ConfigMapping(prefix = "datasurface")
public interface ModelServiceConfig {

    /** The model repository {@code serve} watches. */
    LiveRepository repository();

    /** Where {@code serve} keeps its clone of the model repository. */
    @WithDefault("/tmp/datasurface/model-service")
    Path workDir();

    /** How often {@code serve} fetches the live branch; {@code POST /api/hooks/git} fetches at once. */
    @WithDefault("30s")
    Duration pollInterval();

    Topics topics();

    /** How long a Kafka send or a reachability probe may take. */
    @WithDefault("10s")
    Duration kafkaTimeout();

    Check check();

    interface LiveRepository {
        /** The clone URL (or a local path) of the model repository; {@code serve} needs it. */
        Optional<String> url();

        /** The live branch. */
        @WithDefault("main")
        String branch();

        /** The folder inside the repository that holds ecosystem.yaml; the root when unset. */
        Optional<String> path();

        /**
         * The model's name of the git credential (a token), e.g. {@code git-model}; the token is read from the environment
         * variable the model's naming rule gives it ({@code GIT_MODEL_TOKEN}). Unset for a repository that needs none.
         */
        Optional<String> credential();

        /** The user name sent with the token (git hosts ignore it for tokens, but HTTP basic authentication needs one). */
        @WithDefault("datasurface")
        String username();
    }

    interface Topics {
        /** The compacted topic of each platform's validated intention graph, keyed by platform. */
        @WithDefault(PlatformGraph.TOPIC)
        String graph();

        /** The topic of operator events. */
        @WithDefault("datasurface.events")
        String events();
    }

    interface Check {
        /**
         * The folder under which {@code POST /api/changes/check} may read repositories; a repository elsewhere gets 403.
         * Unset, the endpoint reads none.
         */
        Optional<Path> repositoryRoot();
    }
}
