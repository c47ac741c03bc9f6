package io.datasurface.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.PostgresNames;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.Milestoning;
import java.nio.file.Path;
import java.sql.Connection;
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

    private static void drainAndMerge() throws Exception {
        pipeline.awaitStaged(platform.snapshotRows() + workload.counts().changes() - seeded, Duration.ofMinutes(2));
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
