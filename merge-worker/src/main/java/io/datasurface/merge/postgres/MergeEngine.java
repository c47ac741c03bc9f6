package io.datasurface.merge.postgres;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.RunStatus;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs one merge batch of a batch-stream as one transaction: lock the stream, make its tables
 * match the model, consume its staging rows, keep the last operation per key, apply it to every
 * dataset of the stream, record the batch, commit. Any failure rolls the whole batch back (so
 * nothing is consumed) and is then recorded with a hint in a transaction of its own.
 */
public final class MergeEngine {
    private static final Logger LOG = Logger.getLogger(MergeEngine.class);
    private static final Duration LOCK_POLL = Duration.ofMillis(100);
    /**
     * How long a batch waits for the inserts in flight into its staging tables. A sink
     * transaction is a batch of inserts that commits in milliseconds; one still open after this
     * is stuck or long, and the batch then drains staging row by row instead of waiting on it.
     */
    private static final Duration STAGING_LOCK_WAIT = Duration.ofSeconds(1);
    /** SQLSTATE of a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** How long an incomplete source transaction holds its stream before a batch consumes what arrived of it. */
    public static final Duration DEFAULT_TRANSACTION_WAIT = Duration.ofMinutes(5);
    /**
     * How long transaction records are kept: far beyond any wait, so that a record is gone only once
     * every stream that reads it has run since.
     */
    private static final Duration TRANSACTION_RECORD_RETENTION = Duration.ofDays(1);

    /**
     * The steps of a batch, in order; a {@link Hook} runs before each. START plans which source
     * transactions the batch consumes, in one scan of each staging table that also counts its rows
     * and finds the first it cannot merge. Per dataset: CONSUME archives the staging rows the batch
     * consumes (when the platform keeps them), VALIDATE fails the batch at the first it cannot merge
     * (counting them anew when the plan consumes only part of the table), APPLY writes the last
     * operation per key to the merge table, reading it straight from staging, and removes the
     * consumed rows.
     */
    public enum Step {
        LOCK, RECONCILE, START, CONSUME, VALIDATE, APPLY, RECORD, COMMIT
    }

    /**
     * Called before each step, with the dataset it is about (null for stream-wide steps). Tests use
     * it to crash a batch at every step; production runs with {@link #NONE}.
     */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (step, dataset, connection) -> {
        };

        void before(Step step, String dataset, Connection connection) throws SQLException;
    }

    /** How a run ended. */
    public sealed interface Outcome {
    }

    /**
     * The batch committed; counts are rows of the merge tables, summed over the stream's datasets.
     * {@code heldTransactions} source transactions stayed in staging, incomplete; {@code released}
     * names the incomplete ones consumed because they had waited their limit.
     */
    public record Merged(long batchId, Instant batchTime, long stagingRows, long inserted, long updated, long deleted,
            long unchanged, long durationMillis, long heldTransactions, List<String> released) implements Outcome {
        public Merged {
            requireNonNull(batchTime, "batchTime is null");
            released = List.copyOf(released);
        }
    }

    /** Another run of the stream held its lock for longer than the wait; nothing was done. */
    public record AlreadyRunning() implements Outcome {
    }

    /** The batch was rolled back; the hint says which table, which row and what to do. */
    public record Failed(String hint) implements Outcome {
        public Failed {
            requireNonNull(hint, "hint is null");
        }
    }

    /** A reason to fail the batch that names the table, and the staging row when there is one. */
    private static final class BatchFailure extends Exception {
        BatchFailure(String hint) {
            super(hint, null, false, false);
        }
    }

    private final Connector connector;
    private final PostgresDialect sql;
    private final KubernetesPGStarter.TableRetention retention;
    private final List<WorkspaceSchema> workspaces;
    private final boolean archiveStagingRows;
    private final Duration lockWait;
    private final Duration transactionWait;
    private final Clock clock;
    private final Hook hook;
    private String currentTable;

    public MergeEngine(Connector connector, PostgresDialect sql, KubernetesPGStarter.TableRetention retention, Duration lockWait, Clock clock,
            Hook hook) {
        this(connector, sql, retention, List.of(), lockWait, clock, hook);
    }

    /** @param workspaces the platform's workspace schemas, whose views of the stream's datasets each batch keeps current */
    public MergeEngine(Connector connector, PostgresDialect sql, KubernetesPGStarter.TableRetention retention, List<WorkspaceSchema> workspaces,
            Duration lockWait, Clock clock, Hook hook) {
        this(connector, sql, retention, workspaces, lockWait, DEFAULT_TRANSACTION_WAIT, clock, hook);
    }

    /** @param transactionWait how long an incomplete source transaction may hold the stream; see {@link WholeTransactions} */
    public MergeEngine(Connector connector, PostgresDialect sql, KubernetesPGStarter.TableRetention retention, List<WorkspaceSchema> workspaces,
            Duration lockWait, Duration transactionWait, Clock clock, Hook hook) {
        this.transactionWait = requireNonNull(transactionWait, "transactionWait is null");
        if (transactionWait.isNegative() || transactionWait.compareTo(TRANSACTION_RECORD_RETENTION) >= 0) {
            throw new IllegalArgumentException("transactionWait must be between 0 and " + TRANSACTION_RECORD_RETENTION + ", not " + transactionWait);
        }
        this.workspaces = List.copyOf(workspaces);
        this.connector = requireNonNull(connector, "connector is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.archiveStagingRows = retention.archiveStagingRows();
        this.lockWait = requireNonNull(lockWait, "lockWait is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.hook = requireNonNull(hook, "hook is null");
    }

    public Outcome run(BatchStream stream) {
        Instant started = clock.instant();
        currentTable = null;
        Connection c = null;
        String hint;
        try {
            c = Connector.open(connector, sql);
            hook.before(Step.LOCK, null, c);
            if (!lock(c, stream)) {
                c.setAutoCommit(false);
                try {
                    recordRun(c, stream.key(), RunStatus.ALREADY_RUNNING, started, null);
                } catch (SQLException e) {
                    LOG.warnf("stream %s: the skipped run could not be recorded: %s", stream.key(), PostgresDialect.describe(e));
                }
                closeQuietly(c);
                return new AlreadyRunning();
            }
            // One snapshot for the whole batch, taken once the lock is held (so it sees what the
            // previous run committed): the datasets of a multi-dataset stream are consumed as of
            // the same moment. Nothing else writes what the batch writes, and the sink only
            // inserts, so this does not conflict in normal operation.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            boolean stagingLocked = lockStaging(c, stream);
            Outcome outcome = batch(c, stream, started, stagingLocked);
            closeQuietly(c);
            return outcome;
        } catch (BatchFailure e) {
            hint = e.getMessage();
        } catch (SQLException e) {
            hint = hintFor(e);
        } catch (RuntimeException e) {
            hint = (currentTable == null ? "" : "table " + currentTable + ": ") + e + "; the batch was rolled back and nothing was consumed";
        }
        String streamHint = "stream " + stream.key() + ": " + hint;
        LOG.errorf("merge batch failed: %s", streamHint);
        recordFailure(c, stream.key(), started, streamHint);
        return new Failed(streamHint);
    }

    private Outcome batch(Connection c, BatchStream stream, Instant started, boolean stagingLocked) throws SQLException, BatchFailure {
        hook.before(Step.RECONCILE, null, c);
        Reconciler.Report report = new Reconciler(c, sql, retention, clock, workspaces).reconcile(List.of(stream));
        if (!report.ok()) {
            throw new BatchFailure("the tables do not match the model, nothing was merged: "
                    + report.problems().stream().map(Reconciler.TableMismatch::toString).collect(Collectors.joining("; ")));
        }
        report.actions().forEach(a -> LOG.infof("reconcile: %s", a));

        hook.before(Step.START, null, c);
        long batchId;
        Instant batchTime;
        try (PreparedStatement p = c.prepareStatement(sql.startBatch())) {
            p.setString(1, stream.key());
            p.setTimestamp(2, Timestamp.from(started));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                batchId = rs.getLong(1);
                batchTime = rs.getTimestamp(2).toInstant();
            }
        }

        WholeTransactions.Cut cut = WholeTransactions.plan(c, sql, stream, transactionWait);
        if (!cut.released().isEmpty()) {
            LOG.warnf("stream %s: consumed %d incomplete source transaction(s) that waited longer than %s: %s", stream.key(),
                    cut.released().size(), transactionWait, cut.released());
        }

        long stagingRows = 0, inserted = 0, updated = 0, deleted = 0, unchanged = 0;
        Long minSeq = null, maxSeq = null;
        List<String> drained = new ArrayList<>();
        boolean milestoned = stream.milestoning() == Milestoning.MILESTONED;
        try (Statement s = c.createStatement()) {
            s.execute(sql.createUnchangedCounter());
            for (int i = 0; i < stream.datasets().size(); i++) {
                IngestedDataset d = stream.datasets().get(i);
                String name = d.datastore() + "." + d.name();
                OptionalLong limit = cut.limit(i);
                boolean limited = limit.isPresent();

                hook.before(Step.CONSUME, name, c);
                currentTable = sql.schema() + "." + d.stagingTable();
                if (archiveStagingRows) {
                    update(c, sql.archiveStaging(d, limited), limit, batchId);
                }

                hook.before(Step.VALIDATE, name, c);
                StagingSummary summary = limited ? stagingSummary(c, d, limit) : cut.staged(i);
                if (summary.firstBadSeq() != null) {
                    throw badRow(c, d, summary.firstBadSeq());
                }
                long consumed = summary.rows();
                if (consumed > 0) {
                    minSeq = minSeq == null ? summary.minSeq() : Math.min(minSeq, summary.minSeq());
                    maxSeq = maxSeq == null ? summary.maxSeq() : Math.max(maxSeq, summary.maxSeq());
                }
                stagingRows += consumed;

                if (consumed == 0) {
                    continue;
                }

                hook.before(Step.APPLY, name, c);
                currentTable = sql.schema() + "." + d.mergeTable();
                s.execute(sql.applyJoins());
                s.execute(sql.resetUnchangedCounter());
                Applied applied = milestoned ? applyMilestoned(c, d, limit, batchId, summary) : applyLive(c, d, limit, batchId, summary);
                inserted += applied.inserted();
                updated += applied.updated();
                deleted += applied.deleted();
                unchanged += applied.unchanged();
                currentTable = sql.schema() + "." + d.stagingTable();
                if (stagingLocked && !limited) {
                    drained.add(d.stagingTable());
                } else {
                    update(c, sql.deleteConsumed(d, limited), limit);
                }
                LOG.debugf("dataset %s: %d staging rows consumed", name, consumed);
            }
            if (!drained.isEmpty()) {
                // Last, so that the staging tables refuse readers only for the little that is left.
                currentTable = null;
                s.execute(sql.truncate(drained));
            }
        }
        currentTable = null;

        hook.before(Step.RECORD, null, c);
        try (PreparedStatement p = c.prepareStatement(sql.finishBatch())) {
            p.setLong(1, stagingRows);
            p.setObject(2, minSeq);
            p.setObject(3, maxSeq);
            p.setLong(4, inserted);
            p.setLong(5, updated);
            p.setLong(6, deleted);
            p.setLong(7, unchanged);
            p.setLong(8, cut.held());
            p.setLong(9, cut.released().size());
            p.setLong(10, batchId);
            p.executeUpdate();
        }
        recordStreamState(c, stream.key(), batchId, RunStatus.SUCCEEDED, 0);
        recordTransactions(c, stream, cut);

        hook.before(Step.COMMIT, null, c);
        c.commit();
        long duration = Duration.between(started, clock.instant()).toMillis();
        LOG.infof("stream %s batch %d merged %d staging row(s): %d inserted, %d updated, %d deleted, %d unchanged in %d ms",
                stream.key(), batchId, stagingRows, inserted, updated, deleted, unchanged, duration);
        return new Merged(batchId, batchTime, stagingRows, inserted, updated, deleted, unchanged, duration, cut.held(),
                cut.released().stream().map(WholeTransactions.Released::toString).toList());
    }

    /** Rows of a merge table a batch inserted, updated, deleted and left unchanged. */
    private record Applied(long inserted, long updated, long deleted, long unchanged) {
    }

    /**
     * Live mode: merges the keys up to the merge table's last key, then appends those after it.
     * PostgreSQL counts what the statements wrote; the rows left unchanged are counted as they pass.
     */
    private Applied applyLive(Connection c, IngestedDataset d, OptionalLong limit, long batchId, StagingSummary summary)
            throws SQLException, BatchFailure {
        boolean limited = limit.isPresent();
        String lastKey = text(c, sql.lastKey(d));
        long[] before = tupleCounts(c, d);
        long merged = update(c, sql.liveMerge(d, limited), limit, batchId, batchId);
        long[] after = tupleCounts(c, d);
        long inserted = after[0] - before[0], updated = after[1] - before[1], deleted = after[2] - before[2];
        if (inserted + updated + deleted != merged) {
            throw uncountable("PostgreSQL counted " + (inserted + updated + deleted) + " rows written where the merge wrote " + merged,
                    ". Turn track_counts on (it is on by default, and autovacuum needs it)");
        }
        long unchanged = count(c, sql.unchangedCount(), OptionalLong.empty());
        // The plan counted the rows after the last key as it was; a MERGE that deleted the last key
        // leaves the append more keys than that count covers.
        boolean inStagingOrder = summary.notCreatedAfterLastKey() == 0 && Objects.equals(lastKey, text(c, sql.lastKey(d)));
        return new Applied(inserted + append(c, d, limit, batchId, inStagingOrder, false), updated, deleted, unchanged);
    }

    /**
     * Appends the upserted keys after the merge table's last key: in staging's order when every
     * consumed row after it is a create ({@code inStagingOrder}), sorted by key otherwise, or when
     * that insert finds a key created twice (it is rolled back to a savepoint first). Answers the
     * rows inserted.
     */
    private long append(Connection c, IngestedDataset d, OptionalLong limit, long batchId, boolean inStagingOrder, boolean milestoned)
            throws SQLException {
        boolean limited = limit.isPresent();
        String sorted = milestoned ? sql.milestonedAppend(d, limited) : sql.liveAppend(d, limited);
        if (!inStagingOrder) {
            return update(c, sorted, limit, batchId);
        }
        Savepoint before = c.setSavepoint();
        try {
            long appended = update(c, sql.appendInStagingOrder(d, limited, milestoned), limit, batchId);
            c.releaseSavepoint(before);
            return appended;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            LOG.debugf("table %s: a key after the last one was created twice; appended sorted instead", currentTable);
            return update(c, sorted, limit, batchId);
        }
    }

    /**
     * Milestoned mode: closes the live versions of deleted and changed keys up to the merge table's
     * last key, inserting the changed ones' new versions as it goes, then appends the keys after it.
     * An upserted key up to the last key that is neither unchanged nor changed had no live version:
     * only then are those keys looked up to find it.
     */
    private Applied applyMilestoned(Connection c, IngestedDataset d, OptionalLong limit, long batchId, StagingSummary summary)
            throws SQLException, BatchFailure {
        boolean limited = limit.isPresent();
        long changed, deleted;
        Long upsertsRead;
        try (PreparedStatement p = prepare(c, sql.milestonedClose(d, limited), limit)) {
            p.setLong(limited ? 2 : 1, batchId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                changed = rs.getLong(1);
                deleted = rs.getLong(2);
                upsertsRead = rs.getObject(3, Long.class);
            }
        }
        long upserts = upsertsRead != null ? upsertsRead : count(c, sql.milestonedUpserts(d, limited), limit);
        long unchanged = count(c, sql.unchangedCount(), OptionalLong.empty());
        long withoutVersion = upserts - unchanged - changed;
        if (withoutVersion < 0) {
            throw uncountable("of " + upserts + " upserted keys, " + unchanged + " were counted unchanged and " + changed + " changed, more than there are",
                    "");
        }
        long reinserted = withoutVersion == 0 ? 0 : update(c, sql.milestonedInsert(d, limited), limit, batchId);
        if (reinserted != withoutVersion) {
            throw uncountable("of " + upserts + " upserted keys, " + withoutVersion + " were left without a live version by the counts, and "
                    + reinserted + " by a look-up", "");
        }
        // A milestoned table keeps every version, so its last key never moves within the batch.
        boolean inStagingOrder = summary.notCreatedAfterLastKey() == 0;
        return new Applied(reinserted + append(c, d, limit, batchId, inStagingOrder, true), changed, deleted, unchanged);
    }

    /** The one text a query without bound values gives, null when it gives no row. */
    private static String text(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The staging rows the batch consumes of a dataset whose consumption the whole-transaction plan limits. */
    private StagingSummary stagingSummary(Connection c, IngestedDataset d, OptionalLong limit) throws SQLException {
        try (PreparedStatement p = prepare(c, sql.stagingSummary(d, true), limit); ResultSet rs = p.executeQuery()) {
            rs.next();
            return StagingSummary.read(rs, 1);
        }
    }

    /** The one number a query gives, bound with the limit when there is one. */
    private static long count(Connection c, String query, OptionalLong limit) throws SQLException {
        try (PreparedStatement p = prepare(c, query, limit); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private BatchFailure uncountable(String counts, String remedy) {
        return new BatchFailure("table " + currentTable + ": " + counts + ", so the batch cannot tell what it did; it was rolled back and nothing "
                + "was consumed" + remedy);
    }

    /** A statement whose first bound value is the consumption limit, when there is one. */
    private static PreparedStatement prepare(Connection c, String statement, OptionalLong limit) throws SQLException {
        PreparedStatement p = c.prepareStatement(statement);
        if (limit.isPresent()) {
            p.setLong(1, limit.getAsLong());
        }
        return p;
    }

    /** Runs a statement bound with the limit (when there is one) and then the values; answers the rows it wrote. */
    private static long update(Connection c, String statement, OptionalLong limit, long... values) throws SQLException {
        try (PreparedStatement p = prepare(c, statement, limit)) {
            int parameter = limit.isPresent() ? 2 : 1;
            for (long value : values) {
                p.setLong(parameter++, value);
            }
            return p.executeLargeUpdate();
        }
    }

    private BatchFailure badRow(Connection c, IngestedDataset d, long seq) throws SQLException {
        String problem;
        try (PreparedStatement p = c.prepareStatement(sql.badRow(d))) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                problem = rs.getString(1);
            }
        }
        return new BatchFailure("table " + currentTable + ", staging row ds_seq=" + seq + ": " + problem
                + ". Nothing was consumed. Correct or delete that row (DELETE FROM " + sql.table(d.stagingTable())
                + " WHERE ds_seq = " + seq + ") and fix the producer or the connector that wrote it; the next run merges the rest");
    }

    /** Moves the stream's transaction watermark and removes the stream's transaction records past their retention. */
    private void recordTransactions(Connection c, BatchStream stream, WholeTransactions.Cut cut) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.advanceTransactionWatermark())) {
            p.setLong(1, cut.watermark());
            p.setString(2, stream.key());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(sql.pruneTransactions())) {
            p.setString(1, stream.transactionTopic());
            p.setLong(2, TRANSACTION_RECORD_RETENTION.toSeconds());
            p.executeUpdate();
        }
    }

    /** Inserted, updated and deleted tuples of the dataset's merge table so far in this transaction. */
    private long[] tupleCounts(Connection c, IngestedDataset d) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.tupleCounts())) {
            p.setString(1, sql.table(d.mergeTable()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /**
     * Takes the stream's session lock, waiting up to the lock wait. It is held until the
     * connection closes, which a crashed process's connection also does.
     */
    private boolean lock(Connection c, BatchStream stream) throws SQLException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        try (PreparedStatement p = c.prepareStatement(sql.tryAdvisoryLock())) {
            p.setString(1, sql.streamLockName(stream.key()));
            while (true) {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    LOG.infof("stream %s: another run holds the lock; this run does nothing", stream.key());
                    return false;
                }
                try {
                    Thread.sleep(LOCK_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * Locks the stream's staging tables before the batch's snapshot is taken, waiting up to
     * {@link #STAGING_LOCK_WAIT} for the inserts in flight. Answers false (and holds nothing) when
     * an insert stays open longer or a staging table does not exist yet: the batch then deletes
     * exactly the rows its snapshot sees, and a late commit is left for the next batch.
     */
    private boolean lockStaging(Connection c, BatchStream stream) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(sql.lockTimeout(STAGING_LOCK_WAIT.toMillis()));
            s.execute(sql.lockStaging(stream.datasets()));
            s.execute(sql.defaultLockTimeout());
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            String state = String.valueOf(e.getSQLState());
            if (!state.equals("55P03") && !state.equals("42P01") && !state.equals("3F000")) {
                throw e;
            }
            c.rollback(before);
            LOG.infof("stream %s: staging not locked (%s); this batch drains it row by row", stream.key(), PostgresDialect.describe(e));
            return false;
        }
    }

    private String hintFor(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = currentTable == null ? "" : "table " + currentTable + ": ";
        String advice;
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            advice = "the connection to PostgreSQL was lost; the batch was rolled back and the next run redoes it";
        } else if (state.startsWith("22") || state.startsWith("23")) {
            advice = "a staging value does not fit the merge table; the batch was rolled back and nothing was consumed: "
                    + "find the row in the staging table, correct or delete it, and run merge-worker reconcile if the model changed";
        } else if (state.startsWith("42")) {
            advice = "the tables do not look as the model expects; run merge-worker reconcile and fix what it reports";
        } else {
            advice = "the batch was rolled back and nothing was consumed; the next run retries it";
        }
        return where + PostgresDialect.describe(e) + "; " + advice;
    }

    /**
     * Records a run that could not start (its model does not lint, its stream or a credential is
     * missing) where operators look for failed runs, when the platform tables can be reached.
     */
    public void recordUnusable(String stream, String hint) {
        recordFailure(null, stream, clock.instant(), "stream " + stream + ": " + hint);
    }

    private void recordFailure(Connection c, String stream, Instant started, String hint) {
        try {
            if (recordedOnBatchConnection(c, stream, started, hint)) {
                return;
            }
            try (Connection fresh = Connector.open(connector, sql)) {
                fresh.setAutoCommit(false);
                recordRun(fresh, stream, RunStatus.FAILED, started, hint);
            }
        } catch (SQLException e) {
            LOG.errorf("the failure of stream %s could not be recorded: %s", stream, PostgresDialect.describe(e));
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * Records the failure on the batch's own connection when it still works. A connection that is
     * being torn down can pass the validity check and break during the write, so any error here
     * sends the record to a fresh connection instead of losing it.
     */
    private boolean recordedOnBatchConnection(Connection c, String stream, Instant started, String hint) {
        try {
            if (c == null || c.isClosed() || !c.isValid(2)) {
                return false;
            }
            if (c.getAutoCommit()) {
                c.setAutoCommit(false);
            } else {
                c.rollback();
            }
            recordRun(c, stream, RunStatus.FAILED, started, hint);
            return true;
        } catch (SQLException e) {
            LOG.debugf("stream %s: the batch connection could not record the failure (%s); using a new one", stream, PostgresDialect.describe(e));
            return false;
        }
    }

    private void recordRun(Connection c, String stream, RunStatus status, Instant started, String hint) throws SQLException {
        int failures = 0;
        try (PreparedStatement p = c.prepareStatement(sql.consecutiveFailures())) {
            p.setString(1, stream);
            try (ResultSet rs = p.executeQuery()) {
                failures = rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            // No platform tables yet (reconcile itself failed): nothing can be recorded.
            c.rollback();
            throw e;
        }
        int count = status == RunStatus.FAILED ? failures + 1 : failures;
        long batchId;
        try (PreparedStatement p = c.prepareStatement(sql.recordRun())) {
            p.setString(1, stream);
            p.setString(2, status.value());
            p.setTimestamp(3, Timestamp.from(started));
            p.setTimestamp(4, Timestamp.from(started));
            p.setInt(5, count);
            p.setString(6, hint);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                batchId = rs.getLong(1);
            }
        }
        if (status == RunStatus.FAILED) {
            recordStreamState(c, stream, batchId, status, count);
        }
        c.commit();
    }

    private void recordStreamState(Connection c, String stream, long batchId, RunStatus status, int failures) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql.recordStreamState())) {
            p.setString(1, stream);
            p.setLong(2, batchId);
            p.setString(3, status.value());
            p.setInt(4, failures);
            p.setInt(5, failures);
            p.executeUpdate();
        }
    }

    /**
     * Gives the stream's lock back, then closes. Closing alone would not do: the server lets a
     * session's locks go only once its process has exited, which the next run can overtake, and a
     * pool that keeps the connection open would hold the lock for good.
     */
    private void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // Whatever is still open would be rolled back by the close anyway; an aborted transaction would refuse the release.
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            s.setQueryTimeout(5);
            s.execute(sql.releaseSessionLocks());
        } catch (SQLException e) {
            // A broken connection (or an aborted transaction) cannot release it; its session ending does.
        }
        try {
            c.close();
        } catch (SQLException e) {
            // Closing a broken connection can fail; the connection is gone either way.
        }
    }
}
