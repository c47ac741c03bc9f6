package io.datasurface.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An operator-facing event on {@code datasurface.events}. Each kind has a CloudEvents type and a
 * one-line human summary (what the notifier posts to Slack). Events never carry secrets.
 */
public sealed interface DataSurfaceEvent {

    /** The CloudEvents {@code type}, e.g. {@code io.datasurface.merge.succeeded}. */
    String type();

    /** The platform (or model repository) the event is about; used as the Kafka key. */
    String subject();

    Instant time();

    /** One line a person understands without context. */
    String summary();

    record ChangeAccepted(String subject, Instant time, String source, String headCommit) implements DataSurfaceEvent {
        public ChangeAccepted {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(source, "source is null");
            requireNonNull(headCommit, "headCommit is null");
        }

        @Override
        public String type() {
            return "io.datasurface.change.accepted";
        }

        @Override
        public String summary() {
            return "Change " + headCommit + " from " + source + " was accepted";
        }
    }

    record ChangeRejected(String subject, Instant time, String source, String headCommit, List<String> violations) implements DataSurfaceEvent {
        public ChangeRejected {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(source, "source is null");
            requireNonNull(headCommit, "headCommit is null");
            violations = List.copyOf(requireNonNull(violations, "violations is null"));
        }

        @Override
        public String type() {
            return "io.datasurface.change.rejected";
        }

        @Override
        public String summary() {
            return "Change " + headCommit + " from " + source + " was rejected with " + violations.size() + " violation(s)";
        }
    }

    record GraphPublished(String subject, Instant time, String commit, int batchStreams) implements DataSurfaceEvent {
        public GraphPublished {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(commit, "commit is null");
        }

        @Override
        public String type() {
            return "io.datasurface.graph.published";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": intention graph of commit " + commit + " published with " + batchStreams + " batch-stream(s)";
        }
    }

    record ArtifactsRendered(String subject, Instant time, String commit, List<String> files) implements DataSurfaceEvent {
        public ArtifactsRendered {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(commit, "commit is null");
            files = List.copyOf(requireNonNull(files, "files is null"));
        }

        @Override
        public String type() {
            return "io.datasurface.artifacts.rendered";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": " + files.size() + " artifact file(s) rendered from commit " + commit;
        }
    }

    record CredentialMissing(String subject, Instant time, String namespace, List<String> missing) implements DataSurfaceEvent {
        public CredentialMissing {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(namespace, "namespace is null");
            missing = List.copyOf(requireNonNull(missing, "missing is null"));
        }

        @Override
        public String type() {
            return "io.datasurface.credential.missing";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": secrets missing in namespace " + namespace + ": " + String.join(", ", missing);
        }
    }

    /** A merge batch committed; counts are rows of the merge tables. */
    record MergeSucceeded(String subject, Instant time, String stream, long batchId, long stagingRows, long inserted,
            long updated, long deleted, long unchanged, long durationMillis) implements DataSurfaceEvent {
        public MergeSucceeded {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(stream, "stream is null");
        }

        @Override
        public String type() {
            return "io.datasurface.merge.succeeded";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": stream " + stream + " batch " + batchId + " merged " + stagingRows + " change(s): "
                    + inserted + " inserted, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged in " + durationMillis + " ms";
        }
    }

    /** A merge batch failed and was rolled back; the hint says what to do. */
    record MergeFailed(String subject, Instant time, String stream, String hint) implements DataSurfaceEvent {
        public MergeFailed {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            requireNonNull(stream, "stream is null");
            requireNonNull(hint, "hint is null");
        }

        @Override
        public String type() {
            return "io.datasurface.merge.failed";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": stream " + stream + " merge FAILED: " + hint;
        }
    }

    record TablesRemoved(String subject, Instant time, List<String> tables, boolean archived) implements DataSurfaceEvent {
        public TablesRemoved {
            requireNonNull(subject, "subject is null");
            requireNonNull(time, "time is null");
            tables = List.copyOf(requireNonNull(tables, "tables is null"));
        }

        @Override
        public String type() {
            return "io.datasurface.tables.removed";
        }

        @Override
        public String summary() {
            return "Platform " + subject + ": " + tables.size() + " unused table(s) " + (archived ? "archived" : "dropped") + ": " + String.join(", ", tables);
        }
    }
}
