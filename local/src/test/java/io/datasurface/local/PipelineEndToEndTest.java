package io.datasurface.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.Milestoning;
import io.datasurface.render.connect.SinkConnectors;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The product's main job end to end on examples/acme: a producer's workload on real source
 * databases, Debezium into Kafka, the rendered sinks into staging, and the packaged merge-worker
 * run by the local scheduler with the rendered DAG's arguments, merging while the workload writes.
 * After the last batch every merge table must hold what its source holds, value for value.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
    private static LocalPlatform platform;
    private static Workload workload;
    private static Pipeline pipeline;
    private static long seeded;

    @BeforeAll
    static void start() throws Exception {
        Path workDir = Path.of("target", "e2e-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Workload[] holder = new Workload[1];
        platform = LocalPlatform.start(SharedPlatform.MODEL, SharedPlatform.PLATFORM, workDir, System.out, sources -> {
            holder[0] = new Workload(sources, 7);
            for (int i = 0; i < 30; i++) {
                holder[0].transaction();
            }
        });
        workload = holder[0];
        seeded = workload.counts().changes();
        pipeline = new Pipeline(platform.graph(), platform.platformDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        if (workload != null) {
            workload.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void mergesRunningWhileTheWorkloadWritesEndWithEveryMergeTableEqualToItsSource() throws Exception {
        platform.scheduler().start(Duration.ofSeconds(3));
        workload.run(15, Duration.ofSeconds(20), () -> false);
        platform.scheduler().stop();
        drainAndMerge();

        assertThat(platform.scheduler().failures()).isZero();
        assertThat(platform.scheduler().runs()).hasSizeGreaterThan(platform.graph().streams().size());
        assertEveryMergeTableEqualsItsSource();
        assertMilestonedHistoryReplaysTheCommittedStates();
        assertThat(pipeline.waitingInStaging()).as("staging rows left unconsumed").isZero();
        assertThat(pipeline.merged().stagingRows()).as("staging rows the metrics say were merged")
                .isEqualTo(platform.snapshotRows() + workload.counts().changes() - seeded);
    }

    @Test
    @Order(2)
    void restartingTheConnectWorkerInTheMiddleLosesAndDoublesNothing() throws Exception {
        workload.run(15, Duration.ofSeconds(4), () -> false);
        platform.connect().restart();
        workload.run(15, Duration.ofSeconds(4), () -> false);
        drainAndMerge();

        assertEveryMergeTableEqualsItsSource();
        assertMilestonedHistoryReplaysTheCommittedStates();
        assertThat(pipeline.merged().stagingRows()).as("every change staged exactly once")
                .isEqualTo(platform.snapshotRows() + workload.counts().changes() - seeded);
    }

    /**
     * One multi-dataset store (customer_db) whose source keeps an invariant in every transaction:
     * a customer's balance is the number of its addresses. With the addresses sink paused, the
     * customers' half of each transaction reaches staging alone; every batch must leave it there,
     * so that the merge tables show only states the source committed. Once the sink resumes,
     * everything arrives and merges.
     */
    @Test
    @Order(3)
    void batchesWhileOneSinkIsPausedNeverShowAStateTheSourceNeverHad() throws Exception {
        BatchStream stream = platform.graph().stream("customer_db").orElseThrow();
        IngestedDataset customers = dataset(stream, "customers");
        IngestedDataset addresses = dataset(stream, "addresses");
        String addressesSink = SinkConnectors.connectorName(platform.graph(), addresses);
        try (Connection source = platform.sources().source(stream.datastore()).database().connect()) {
            source.setAutoCommit(false);
            for (int c = 0; c < INVARIANT_CUSTOMERS; c++) {
                execute(source, "INSERT INTO " + SourceDatabases.table(customers) + " (id, first_name, last_name, balance, created_at) "
                        + "VALUES (?, 'Inv', 'Ariant', 0, now())", FIRST_INVARIANT_CUSTOMER + c);
            }
            source.commit();
            extraChanges += INVARIANT_CUSTOMERS;
            drainAndMerge();

            platform.connect().pause(addressesSink);
            int transactions = 12;
            for (int i = 0; i < transactions; i++) {
                long customer = FIRST_INVARIANT_CUSTOMER + i % INVARIANT_CUSTOMERS;
                execute(source, "INSERT INTO " + SourceDatabases.table(addresses) + " (customer_id, kind, street, city) VALUES (?, ?, 'Main St', 'Springfield')",
                        customer, "k" + i);
                execute(source, "UPDATE " + SourceDatabases.table(customers) + " SET balance = balance + 1 WHERE id = ?", customer);
                source.commit();
                extraChanges += 2;
                if (i % 4 == 3) {
                    assertThat(platform.scheduler().merge(stream.key()).exitCode()).isZero();
                    assertInvariantHolds(customers, addresses);
                }
            }
            awaitHeldHalves(customers, transactions);
            assertThat(platform.scheduler().merge(stream.key()).exitCode()).isZero();
            assertInvariantHolds(customers, addresses);
            assertThat(invariantBalances(customers)).as("no customer shows a change whose addresses have not arrived")
                    .containsOnly(BigDecimal.ZERO.setScale(2));
            assertThat(pipeline.lastBatch(stream.key()).heldTransactions()).isEqualTo(transactions);
        } finally {
            platform.connect().resume(addressesSink);
        }
        drainAndMerge();

        assertInvariantHolds(customers, addresses);
        assertThat(invariantBalances(customers)).containsOnly(new BigDecimal("3.00"));
        assertEveryMergeTableEqualsItsSource();
    }

    private static final long FIRST_INVARIANT_CUSTOMER = 900_000;
    private static final int INVARIANT_CUSTOMERS = 4;
    private static long extraChanges;

    private static IngestedDataset dataset(BatchStream stream, String name) {
        return stream.datasets().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static void execute(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        }
    }

    /** Waits until the customers' half of every paused transaction, and its END record, are on the platform. */
    private static void awaitHeldHalves(IngestedDataset customers, int transactions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String staged = "SELECT count(*) FROM " + pipeline.table(customers.stagingTable()) + " WHERE id >= " + FIRST_INVARIANT_CUSTOMER;
        while (count(staged) < transactions || pipeline.transactionsWithoutEnd() > 0) {
            assertThat(System.nanoTime()).as("the customers' changes and END records of the paused transactions arrive").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Live customers of the invariant whose balance is not their number of live addresses, or addresses without a customer. */
    private static void assertInvariantHolds(IngestedDataset customers, IngestedDataset addresses) throws Exception {
        String liveCustomers = live(customers);
        String liveAddresses = live(addresses);
        long broken = count("SELECT count(*) FROM " + pipeline.table(customers.mergeTable()) + " c WHERE " + liveCustomers + " AND c.id >= "
                + FIRST_INVARIANT_CUSTOMER + " AND c.balance <> (SELECT count(*) FROM " + pipeline.table(addresses.mergeTable()) + " a WHERE "
                + liveAddresses + " AND a.customer_id = c.id)");
        long orphans = count("SELECT count(*) FROM " + pipeline.table(addresses.mergeTable()) + " a WHERE " + liveAddresses + " AND a.customer_id >= "
                + FIRST_INVARIANT_CUSTOMER + " AND NOT EXISTS (SELECT 1 FROM " + pipeline.table(customers.mergeTable()) + " c WHERE " + liveCustomers
                + " AND c.id = a.customer_id)");
        assertThat(broken).as("customers whose balance is not their number of addresses").isZero();
        assertThat(orphans).as("addresses without their customer").isZero();
    }

    private static String live(IngestedDataset d) {
        return pipeline.milestoning(d) == Milestoning.MILESTONED ? PostgresNames.quote(TableLayout.DP_OUT) + " IS NULL" : "true";
    }

    private static List<BigDecimal> invariantBalances(IngestedDataset customers) throws Exception {
        List<BigDecimal> balances = new ArrayList<>();
        try (Connection c = pipeline.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT balance FROM "
                + pipeline.table(customers.mergeTable()) + " WHERE " + live(customers) + " AND id >= " + FIRST_INVARIANT_CUSTOMER)) {
            while (rs.next()) {
                balances.add(rs.getBigDecimal(1));
            }
        }
        assertThat(balances).hasSize(INVARIANT_CUSTOMERS);
        return balances;
    }

    private static long count(String query) throws Exception {
        try (Connection c = pipeline.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void drainAndMerge() throws Exception {
        pipeline.awaitStaged(platform.snapshotRows() + workload.counts().changes() - seeded + extraChanges, Duration.ofMinutes(2));
        for (MergeWorkerPods.Run run : platform.scheduler().mergeAll()) {
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
    }

    private static void assertEveryMergeTableEqualsItsSource() throws Exception {
        for (IngestedDataset d : platform.graph().datasets()) {
            Map<List<Object>, List<Object>> source = platform.sourceRows(d);
            assertThat(source).as(d.name() + " has rows").isNotEmpty();
            assertThat(pipeline.liveRows(d)).as(d.datastore() + "." + d.name() + " live rows").isEqualTo(source);
        }
    }

    /**
     * A milestoned table keeps one version per batch that changed a key: each must be a state the
     * source committed, in the order it committed them, the live one the last, and none for a key
     * whose last change deleted it.
     */
    private static void assertMilestonedHistoryReplaysTheCommittedStates() throws Exception {
        int checkedKeys = 0;
        for (IngestedDataset d : platform.graph().datasets()) {
            if (pipeline.milestoning(d) != Milestoning.MILESTONED) {
                continue;
            }
            Map<List<Object>, List<List<Object>>> history = history(d);
            for (Map.Entry<List<Object>, List<Optional<List<Object>>>> key : workload.states(d).entrySet()) {
                List<Object> normalizedKey = TypedRows.normalize(keyColumns(d), key.getKey());
                List<List<Object>> versions = history.getOrDefault(normalizedKey, List.of());
                List<Optional<List<Object>>> states = key.getValue();
                int s = 0;
                for (List<Object> version : versions) {
                    while (s < states.size() && !states.get(s).map(row -> TypedRows.normalize(d, row)).equals(Optional.of(version))) {
                        s++;
                    }
                    assertThat(s).as(d.name() + " key " + key.getKey() + ": version " + version + " is a committed state, in order")
                            .isLessThan(states.size());
                    s++;
                }
                checkedKeys++;
            }
        }
        assertThat(checkedKeys).isPositive();
    }

    private static IngestedDataset keyColumns(IngestedDataset d) {
        return new IngestedDataset(d.datastore(), d.dataset(), d.topic(), d.stagingTable(), d.mergeTable(), d.keyColumns());
    }

    /** Every version of every key, oldest first, and that at most one is live per key. */
    private static Map<List<Object>, List<List<Object>>> history(IngestedDataset d) throws Exception {
        String dpIn = PostgresNames.quote(TableLayout.DP_IN);
        Map<List<Object>, List<List<Object>>> history = new java.util.LinkedHashMap<>();
        try (Connection c = pipeline.connect()) {
            for (List<Object> row : TypedRows.readAll(c, pipeline.table(d.mergeTable()), d, col -> col.name(), "true ORDER BY " + dpIn)) {
                history.computeIfAbsent(TypedRows.key(d, row), k -> new ArrayList<>()).add(row);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM "
                    + pipeline.table(d.mergeTable()) + " WHERE " + PostgresNames.quote(TableLayout.DP_OUT) + " IS NULL GROUP BY "
                    + String.join(", ", d.keyColumns().stream().map(col -> PostgresNames.quote(col.name())).toList())
                    + " HAVING count(*) > 1) t")) {
                rs.next();
                assertThat(rs.getLong(1)).as(d.name() + ": keys with more than one live row").isZero();
            }
        }
        return history;
    }
}
