package io.datasurface.plan;

import static io.datasurface.testfixtures.AcmeChanges.SALES_FILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.testfixtures.AcmeChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePlanTest {
    private static final AcmeChanges BASE = AcmeChanges.base();

    @Test
    void unchangedModelPlansNothing() {
        assertThat(ChangePlan.between(BASE.ecosystem(), BASE.ecosystem()).isEmpty()).isTrue();
    }

    @Test
    void addedColumnAltersTheStagingAndMergeTables() {
        AcmeChanges head = BASE.edit(SALES_FILE, "{name: email, type: varchar(200), nullable: true}",
                "{name: email, type: varchar(200), nullable: true}\n          - {name: phone, type: varchar(30), nullable: true}");
        assertThat(lines(ChangePlan.between(BASE.ecosystem(), head.ecosystem()))).containsExactly(
                "Prod ~ staging table customer_db_customers_staging [column phone varchar(30) added]",
                "Prod ~ merge table customer_db_customers_merge [column phone varchar(30) added]");
    }

    @Test
    void removingTheOnlyConsumerRemovesTheStreamItsDagConnectorAndTables() {
        AcmeChanges head = BASE.edit(SALES_FILE, "          - {datastore: orders_db, dataset: order_lines}\n", "");
        assertThat(lines(ChangePlan.between(BASE.ecosystem(), head.ecosystem()))).containsExactly(
                "Prod - batch-stream orders_db.order_lines []",
                "Prod - DAG Prod.merge.orders_db.order_lines []",
                "Prod - connector datasurface.prod.orders_db_order_lines_staging []",
                "Prod - staging table orders_db_order_lines_staging []",
                "Prod - merge table orders_db_order_lines_merge []");
    }

    @Test
    void newMilestonedConsumerAltersTheStreamAndItsMergeTable() {
        AcmeChanges head = BASE.edit("zones/USA/teams/marketing.yaml", "          - {datastore: campaign_db, dataset: campaigns}\n",
                "          - {datastore: campaign_db, dataset: campaigns}\n          - {datastore: orders_db, dataset: order_lines}\n");
        assertThat(lines(ChangePlan.between(BASE.ecosystem(), head.ecosystem()))).containsExactly(
                "Prod ~ batch-stream orders_db.order_lines [milestoning liveOnly -> milestoned]",
                "Prod ~ DAG Prod.merge.orders_db.order_lines [milestoning liveOnly -> milestoned]",
                "Prod ~ merge table orders_db_order_lines_merge [becomes milestoned: dp_in and dp_out added, every version kept from now on]");
    }

    @Test
    void removingTheLastStreamOfAStoreTakesItsTransactionTopicFromTheTransactionSink() {
        AcmeChanges head = BASE.edit("zones/USA/teams/marketing.yaml", "          - {datastore: campaign_db, dataset: campaigns}\n", "")
                .edit("zones/EU/teams/analytics.yaml", "          - {datastore: campaign_db, dataset: campaigns}\n", "");
        assertThat(lines(ChangePlan.between(BASE.ecosystem(), head.ecosystem()))).containsExactly(
                "Prod - batch-stream campaign_db.campaigns []",
                "Prod - DAG Prod.merge.campaign_db.campaigns []",
                "Prod - connector datasurface.prod.campaign_db_campaigns_staging []",
                "Prod - staging table campaign_db_campaigns_staging []",
                "Prod - merge table campaign_db_campaigns_merge []",
                "Prod ~ connector datasurface.prod.ds_transactions [topic cdc.campaign_db.transaction removed]");
    }

    private static List<String> lines(ChangePlan plan) {
        return plan.platforms().stream().flatMap(p -> p.items().stream()
                .map(i -> p.platform() + " " + i.action().symbol() + " " + i.kind().label() + " " + i.name() + " " + i.details())).toList();
    }
}
