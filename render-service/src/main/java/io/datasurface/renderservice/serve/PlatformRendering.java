package io.datasurface.renderservice.serve;

import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.events.DataSurfaceEvent.MissingSecret;
import io.datasurface.events.PlatformGraph;
import io.datasurface.render.KpsgRenderer;
import io.datasurface.render.PlatformSecrets;
import io.datasurface.render.RenderRequest;
import io.datasurface.render.RenderSettings;
import io.datasurface.render.RenderedFile;
import io.datasurface.render.RequiredSecret;
import io.datasurface.renderservice.CredentialCheck;
import io.datasurface.renderservice.RenderedOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One platform graph into files: rendered exactly as {@code render-service render} renders the same model, written
 * under the output folder file by file atomically (unchanged files untouched, the files of vanished batch-streams
 * deleted), then the platform's secrets checked. Answers the events that report it.
 */
public final class PlatformRendering {
    private final Path out;
    private final RenderSettings settings;
    private final Optional<SecretLookup> secrets;
    private final Clock clock;

    /** Which of the required secrets and keys are missing in a namespace; the Kubernetes API in production. */
    @FunctionalInterface
    public interface SecretLookup {
        List<CredentialCheck.Missing> missing(String namespace, List<RequiredSecret> required);
    }

    /** {@code secrets} empty: no credential check. */
    public PlatformRendering(Path out, RenderSettings settings, Optional<SecretLookup> secrets, Clock clock) {
        this.out = out;
        this.settings = settings;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Renders and writes the graph's files; the events are ArtifactsRendered, then CredentialsMissing when a secret is missing. */
    public List<DataSurfaceEvent> render(PlatformGraph graph) throws IOException {
        List<RenderedFile> files = KpsgRenderer.render(new RenderRequest(graph.graph(), graph.commit(), graph.modelRepository(), settings));
        RenderedOutput.Changes changes = RenderedOutput.write(out, files, RenderedOutput.ownedBy(graph.graph()));
        List<DataSurfaceEvent> events = new ArrayList<>();
        List<String> changed = Stream.concat(changes.written().stream(), changes.deleted().stream())
                .limit(DataSurfaceEvent.ArtifactsRendered.LISTED).toList();
        events.add(new DataSurfaceEvent.ArtifactsRendered(graph.platform(), graph.commit(), changes.written().size(), changes.unchanged().size(),
                changes.deleted().size(), changed, clock.instant()));
        if (secrets.isPresent()) {
            List<MissingSecret> missing = missing(graph, secrets.get());
            if (!missing.isEmpty()) {
                events.add(new DataSurfaceEvent.CredentialsMissing(graph.platform(), graph.commit(), graph.graph().platform().namespace(), missing,
                        clock.instant()));
            }
        }
        return events;
    }

    /** Each missing key by name; a missing secret is every key it should have. */
    private static List<MissingSecret> missing(PlatformGraph graph, SecretLookup lookup) {
        List<RequiredSecret> required = PlatformSecrets.required(graph.graph().platform());
        List<MissingSecret> missing = new ArrayList<>();
        for (CredentialCheck.Missing m : lookup.missing(graph.graph().platform().namespace(), required)) {
            if (m.key().isPresent()) {
                missing.add(new MissingSecret(m.secret(), m.key().get()));
            } else {
                required.stream().filter(r -> r.name().equals(m.secret())).flatMap(r -> r.keys().stream())
                        .forEach(key -> missing.add(new MissingSecret(m.secret(), key)));
            }
        }
        return missing;
    }
}
