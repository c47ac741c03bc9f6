package io.datasurface.events;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An operator-facing event on {@code datasurface.events}: the catalogue, one record per type. Each
 * type has a CloudEvents {@code type}, a Kafka key ({@link #subject()}), a one-line human summary
 * (what the notifier posts) and a stable {@link #id()} derived from what it reports, so that a
 * consumer drops a republished duplicate. Events name secrets and keys, never their values.
 */
public sealed interface DataSurfaceEvent {

    /** The CloudEvents {@code type}, e.g. {@code io.datasurface.merge.succeeded}. */
    String type();

    /** What the event is about (a platform, or a repository for change and model events); the Kafka key. */
    String subject();

    Instant time();

    /** The CloudEvents {@code id}: the same facts give the same id, whenever and however often they are published. */
    String id();

    /** One line a person understands without context. */
    String summary();

    /** A proposed change passed {@code check}; {@code source} is the proposing repository as {@code URL@branch}. */
    record ChangeAccepted(String source, String baseCommit, String headCommit, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.change.accepted";

        public ChangeAccepted {
            requireText(source, "source");
            requireText(baseCommit, "baseCommit");
            requireText(headCommit, "headCommit");
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return source;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, source, baseCommit, headCommit);
        }

        @Override
        public String summary() {
            return "Change " + headCommit + " from " + source + " was accepted";
        }
    }

    /** A proposed change failed {@code check}; each violation is one line naming the object, the change and who may make it. */
    record ChangeRejected(String source, String baseCommit, String headCommit, List<String> violations, Instant time)
            implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.change.rejected";

        public ChangeRejected {
            requireText(source, "source");
            requireText(baseCommit, "baseCommit");
            requireText(headCommit, "headCommit");
            violations = List.copyOf(requireNonNull(violations, "violations is null"));
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return source;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, source, baseCommit, headCommit);
        }

        @Override
        public String summary() {
            return "Change " + headCommit + " from " + source + " was rejected with " + violations.size() + " violation(s)";
        }
    }

    /**
     * A commit on the live branch whose model does not load or lint; nothing was published for it. Each problem is
     * one compiler-style line, {@code file:line:col: error: [rule] path: message}.
     */
    record ModelRejected(String repository, String commit, List<String> problems, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.model.rejected";

        public ModelRejected {
            requireText(repository, "repository");
            requireText(commit, "commit");
            problems = List.copyOf(requireNonNull(problems, "problems is null"));
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return repository;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, repository, commit);
        }

        @Override
        public String summary() {
            return "Model of commit " + commit + " in " + repository + " was rejected with " + problems.size()
                    + " problem(s)" + (problems.isEmpty() ? "" : "; first: " + problems.get(0));
        }
    }

    /** A platform's validated intention graph of {@code commit} is on {@code datasurface.graph}. */
    record GraphPublished(String platform, String commit, String modelHash, int batchStreams, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.graph.published";

        public GraphPublished {
            requireText(platform, "platform");
            requireText(commit, "commit");
            requireText(modelHash, "modelHash");
            requireCount(batchStreams, "batchStreams");
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, platform, commit);
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": intention graph of commit " + commit + " published with " + batchStreams + " batch-stream(s)";
        }
    }

    /**
     * A platform's artifacts are in place for {@code commit}. {@code changedFiles} lists at most {@link #LISTED} of the
     * written and deleted files (paths relative to the output folder), so that the event stays small on a first render.
     */
    record ArtifactsRendered(String platform, String commit, int written, int unchanged, int deleted, List<String> changedFiles, Instant time)
            implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.artifacts.rendered";
        public static final int LISTED = 100;

        public ArtifactsRendered {
            requireText(platform, "platform");
            requireText(commit, "commit");
            requireCount(written, "written");
            requireCount(unchanged, "unchanged");
            requireCount(deleted, "deleted");
            changedFiles = List.copyOf(requireNonNull(changedFiles, "changedFiles is null"));
            if (changedFiles.size() > LISTED) {
                throw new IllegalArgumentException("changedFiles lists " + changedFiles.size() + " files; at most " + LISTED + " are listed");
            }
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        /** Per platform and commit: a re-render after a crash reports the same artifacts, so it is the same event. */
        @Override
        public String id() {
            return EventIds.of(TYPE, platform, commit);
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": artifacts of commit " + commit + " rendered: " + written + " written, " + unchanged
                    + " unchanged, " + deleted + " deleted";
        }
    }

    /** Secrets (or keys of them) the platform's jobs need are missing in its Kubernetes namespace; no value is ever read. */
    record CredentialsMissing(String platform, String commit, String namespace, List<MissingSecret> missing, Instant time)
            implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.credentials.missing";

        public CredentialsMissing {
            requireText(platform, "platform");
            requireText(commit, "commit");
            requireText(namespace, "namespace");
            missing = List.copyOf(requireNonNull(missing, "missing is null"));
            if (missing.isEmpty()) {
                throw new IllegalArgumentException("missing is empty: nothing is missing");
            }
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, platform, commit, missing.toString());
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": secrets missing in namespace " + namespace + ": "
                    + String.join(", ", missing.stream().map(MissingSecret::toString).toList());
        }
    }

    /** One secret key a job needs: {@code secret} is the Kubernetes secret's name, {@code key} the key inside it. */
    record MissingSecret(String secret, String key) {
        public MissingSecret {
            requireText(secret, "secret");
            requireText(key, "key");
        }

        /** {@code secret/key}. */
        @Override
        public String toString() {
            return secret + "/" + key;
        }
    }

    /** A merge batch committed; counts are rows of the merge tables. */
    record MergeSucceeded(String platform, String stream, long batchId, long stagingRows, long inserted, long updated, long deleted,
            long unchanged, long durationMillis, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.merge.succeeded";

        public MergeSucceeded {
            requireText(platform, "platform");
            requireText(stream, "stream");
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        @Override
        public String id() {
            return EventIds.of(TYPE, platform, stream, Long.toString(batchId));
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": stream " + stream + " batch " + batchId + " merged " + stagingRows + " change(s): "
                    + inserted + " inserted, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged in "
                    + durationMillis + " ms";
        }
    }

    /** A merge batch failed and was rolled back; the hint says what to do. */
    record MergeFailed(String platform, String stream, String hint, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.merge.failed";

        public MergeFailed {
            requireText(platform, "platform");
            requireText(stream, "stream");
            requireNonNull(hint, "hint is null");
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        /** A failed batch leaves no batch id behind, so the attempt is identified by its time. */
        @Override
        public String id() {
            return EventIds.of(TYPE, platform, stream, time.toString());
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": stream " + stream + " merge FAILED: " + hint;
        }
    }

    /**
     * A merge batch consumed source transactions whose changes had not all arrived, because each had waited longer than
     * the stream's transaction wait ({@code waitMillis}); each entry names the transaction and what was missing, as
     * {@code 571 (entries 0 of 1)} or {@code 572 (no END record arrived)}. Published besides MergeSucceeded.
     */
    record TransactionsReleased(String platform, String stream, long batchId, List<String> transactions, long waitMillis, Instant time)
            implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.transactions.released";

        public TransactionsReleased {
            requireText(platform, "platform");
            requireText(stream, "stream");
            transactions = List.copyOf(requireNonNull(transactions, "transactions is null"));
            if (transactions.isEmpty()) {
                throw new IllegalArgumentException("transactions is empty: nothing was released");
            }
            requireCount(waitMillis, "waitMillis");
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        /** A batch releases once, so its batch id identifies the release as it does the batch's MergeSucceeded. */
        @Override
        public String id() {
            return EventIds.of(TYPE, platform, stream, Long.toString(batchId));
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": stream " + stream + " batch " + batchId + " consumed " + transactions.size()
                    + " source transaction(s) whose changes had not all arrived after waiting " + waited()
                    + "; consumers may see them partly until the rest arrives; check the source connector and the sink of the"
                    + " store's transaction topic";
        }

        /** The wait as an operator writes it: 5m, 90s, or milliseconds when it is not whole seconds. */
        public String waited() {
            return waitMillis % 1000 == 0 ? Durations.format(Duration.ofMillis(waitMillis)) : waitMillis + " ms";
        }
    }

    /** Unused tables were dropped, or archived into the archive schema. */
    record TablesRemoved(String platform, List<String> tables, boolean archived, Instant time) implements DataSurfaceEvent {
        public static final String TYPE = "io.datasurface.tables.removed";

        public TablesRemoved {
            requireText(platform, "platform");
            tables = List.copyOf(requireNonNull(tables, "tables is null"));
            requireNonNull(time, "time is null");
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public String subject() {
            return platform;
        }

        /** A table is removed once, so the tables identify the removal. */
        @Override
        public String id() {
            return EventIds.of(TYPE, platform, String.join(",", tables), Boolean.toString(archived));
        }

        @Override
        public String summary() {
            return "Platform " + platform + ": " + tables.size() + " unused table(s) " + (archived ? "archived" : "dropped") + ": "
                    + String.join(", ", tables);
        }
    }

    private static void requireText(String value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    private static void requireCount(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is negative: " + value);
        }
    }
}
