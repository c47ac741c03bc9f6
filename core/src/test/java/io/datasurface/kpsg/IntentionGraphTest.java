package io.datasurface.kpsg;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Milestoning;
import io.datasurface.testfixtures.Examples;
import io.datasurface.yaml.ModelLoader;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntentionGraphTest {
    private static IntentionGraph graph;

    @BeforeAll
    static void buildAcmeGraph() throws Exception {
        Ecosystem acme = ModelLoader.load(Examples.acme()).ecosystem().orElseThrow();
        graph = IntentionGraphBuilder.build(acme, (KubernetesPGStarter) acme.platform("Prod").orElseThrow());
    }

    @Test
    void multiDatasetStoreIsOneStreamKeyedByStore() {
        BatchStream customers = graph.stream("customer_db").orElseThrow();

        assertThat(customers.multiDataset()).isTrue();
        assertThat(customers.datasets()).extracting(IngestedDataset::name).containsExactly("customers", "addresses");
    }

    @Test
    void singleDatasetStoreHasAStreamPerConsumedDataset() {
        assertThat(graph.streams()).extracting(BatchStream::key)
                .contains("orders_db.orders", "orders_db.order_lines")
                .doesNotContain("orders_db", "orders_db.order_archive");
    }

    @Test
    void strictestMilestoningOfAllConsumersWins() {
        // customers: sales_ops wants live-only, churn wants milestoned
        assertThat(graph.stream("customer_db").orElseThrow().milestoning()).isEqualTo(Milestoning.MILESTONED);
        // orders: sales_ops and revenue both want live-only
        assertThat(graph.stream("orders_db.orders").orElseThrow().milestoning()).isEqualTo(Milestoning.LIVE_ONLY);
    }

    @Test
    void storeScheduleOverridesThePlatformInterval() {
        assertThat(graph.stream("customer_db").orElseThrow().schedule()).isEqualTo(Duration.ofMinutes(2));
        assertThat(graph.stream("ledger_db").orElseThrow().schedule()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void tablesAndTopicsAreNamedFromStoreAndDataset() {
        IngestedDataset orders = graph.stream("orders_db.orders").orElseThrow().datasets().get(0);

        assertThat(graph.schema()).isEqualTo("prod");
        assertThat(orders.stagingTable()).isEqualTo("orders_db_orders_staging");
        assertThat(orders.mergeTable()).isEqualTo("orders_db_orders_merge");
        assertThat(orders.topic()).isEqualTo("cdc.orders_db.orders");
        assertThat(orders.keyColumns()).extracting(MappedColumn::name).containsExactly("order_id");
    }

    @Test
    void columnsCarryTheirPostgresTypes() {
        IngestedDataset entries = graph.stream("ledger_db").orElseThrow().datasets().get(1);

        assertThat(entries.columns()).extracting(MappedColumn::sqlType).containsExactly(
                "bigint", "char(10)", "numeric(18,4)", "timestamp", "boolean", "text", "bytea", "smallint", "real");
    }
}
