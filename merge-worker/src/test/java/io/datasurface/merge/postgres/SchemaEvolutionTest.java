package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.governance.ChangeCheck;
import io.datasurface.governance.ChangeChecker;
import io.datasurface.load.Models;
import io.datasurface.merge.TestModel;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.Repository;
import io.datasurface.plan.ChangePlan;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every schema change the governance check accepts is applied by reconcile, and a batch merges
 * after it; rows whose values did not change stay as they were.
 */
class SchemaEvolutionTest {
    private static final Repository SHOP_TEAM = new Repository("https://example.com/shop/shop-team.git", "main");

    @Test
    void widenedColumnsAreWidenedInStagingAndMergeTablesAndUnchangedRowsStayUnchanged() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.50");
        long firstBatch = f.merge(CUSTOMERS).batchId();

        f.model(TestModel.standard().withWidenedCustomers());
        Reconciler.Report report = f.reconcile();
        f.customer("u", 1, "Ann", null, "1.5000");
        f.customer("c", 2, "B".repeat(70), null, "12345678.1234");
        MergeEngine.Merged batch = f.merge(CUSTOMERS);

        assertThat(report.problems()).isEmpty();
        assertThat(tableActions(report)).containsExactly(
                "widened column " + f.schema + ".shop_db_customers_staging.name from character varying(50) to varchar(80)",
                "widened column " + f.schema + ".shop_db_customers_staging.balance from numeric(10,2) to numeric(12,4)",
                "widened column " + f.schema + ".shop_db_customers_merge.name from character varying(50) to varchar(80)",
                "widened column " + f.schema + ".shop_db_customers_merge.balance from numeric(10,2) to numeric(12,4)");
        assertThat(batch.unchanged()).as("the same value at a wider scale is no change").isEqualTo(1);
        assertThat(batch.inserted()).isEqualTo(1);
        assertThat(f.strings("SELECT ds_batch_id FROM " + f.mergeTable("customers") + " WHERE id = 1")).containsExactly(Long.toString(firstBatch));
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|1.5000", "2|" + "B".repeat(70) + "|NULL|12345678.1234");
    }

    @Test
    void aColumnMadeNullableLosesItsNotNullAndTakesNulls() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());

        f.model(TestModel.standard().withNullableName());
        Reconciler.Report report = f.reconcile();
        f.customer("c", 1, null, null, "1.00");
        f.merge(CUSTOMERS);

        assertThat(tableActions(report)).containsExactly("relaxed NOT NULL on " + f.schema + ".shop_db_customers_merge.name: the model allows NULL now");
        assertThat(f.rows("customers")).containsExactly("1|NULL|NULL|1.00");
    }

    @Test
    void aLiveOnlyTableBecomesMilestonedWithItsRowsAsTheLiveVersions() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.customer("c", 2, "Bob", null, "2.00");
        f.merge(CUSTOMERS);

        f.model(TestModel.standard().withCustomersMilestoned());
        Reconciler.Report report = f.reconcile();
        f.customer("u", 1, "Ann", null, "5.00");
        f.customer("u", 2, "Bob", null, "2.00");
        MergeEngine.Merged batch = f.merge(CUSTOMERS);

        assertThat(report.problems()).isEmpty();
        assertThat(tableActions(report)).containsExactly("made table " + f.schema + ".shop_db_customers_merge milestoned: dp_in and dp_out added, "
                + "each current row the live version of its key from now");
        assertThat(batch.updated()).isEqualTo(1);
        assertThat(batch.unchanged()).isEqualTo(1);
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|1.00|closed", "1|Ann|NULL|5.00|live", "2|Bob|NULL|2.00|live");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }

    @Test
    void aMilestonedTableBecomesLiveOnlyAndArchivesItsHistoryWhenRetentionSaysSo() throws Exception {
        MergeFixture f = milestonedWithHistory(TestModel.standard().withArchivedRemovedTables());

        f.model(TestModel.standard().withArchivedRemovedTables());
        Reconciler.Report report = f.reconcile();
        f.customer("u", 2, "Bob", null, "3.00");
        f.merge(CUSTOMERS);

        assertThat(tableActions(report)).singleElement().asString().startsWith("made table " + f.schema + ".shop_db_customers_merge live-only: "
                + "closed versions archived to " + f.schema + "_archive.shop_db_customers_merge_history_").endsWith(", dp_in and dp_out removed");
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|5.00", "2|Bob|NULL|3.00");
        String archive = f.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + f.schema + "_archive'").get(0);
        assertThat(f.strings("SELECT id || '|' || balance FROM \"" + f.schema + "_archive\".\"" + archive + "\"")).containsExactly("1|1.00");
    }

    @Test
    void aMilestonedTableBecomesLiveOnlyAndDropsItsHistoryOtherwise() throws Exception {
        MergeFixture f = milestonedWithHistory(TestModel.standard());

        f.model(TestModel.standard());
        Reconciler.Report report = f.reconcile();

        assertThat(tableActions(report)).containsExactly("made table " + f.schema + ".shop_db_customers_merge live-only: closed versions dropped, "
                + "dp_in and dp_out removed");
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|5.00");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do: the table has a live-only table's fillfactor too").isEmpty();
    }

    @Test
    void anAddedColumnLeavesUnchangedLiveRowsUnchanged() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        long firstBatch = f.merge(CUSTOMERS).batchId();

        f.model(TestModel.standard().withPhone());
        f.reconcile();
        f.customer("r", 1, "Ann", null, "1.00");
        MergeEngine.Merged batch = f.merge(CUSTOMERS);

        assertThat(batch.unchanged()).isEqualTo(1);
        assertThat(batch.updated()).isZero();
        assertThat(f.strings("SELECT ds_batch_id FROM " + f.mergeTable("customers"))).containsExactly(Long.toString(firstBatch));
    }

    @Test
    void anAddedColumnOpensNoNewVersionOfAnUnchangedMilestonedRow() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard().withCustomersMilestoned());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.model(TestModel.standard().withCustomersMilestoned().withPhone());
        f.reconcile();
        f.customer("r", 1, "Ann", null, "1.00");
        MergeEngine.Merged batch = f.merge(CUSTOMERS);

        assertThat(batch.unchanged()).isEqualTo(1);
        assertThat(f.rows("customers")).containsExactly("1|Ann|NULL|1.00|NULL|live");
    }

    /**
     * The property over every kind of schema change the check accepts on the test model: when the
     * owner proposes it, the check accepts, reconcile applies it without a problem, the plan names
     * each table and column reconcile changed and nothing else, and a batch merges afterwards.
     */
    @Test
    void everyAcceptedSchemaChangeIsAppliedAsThePlanSaysAndMerges() throws Exception {
        List<UnaryOperator<TestModel>> changes = List.of(TestModel::withPhone, TestModel::withWidenedCustomers, TestModel::withNullableName,
                TestModel::withCustomersMilestoned, m -> m.withPhone().withWidenedCustomers().withNullableName(),
                m -> m.withCustomersMilestoned().withPhone().withWidenedCustomers());
        for (UnaryOperator<TestModel> change : changes) {
            TestModel base = TestModel.standard();
            TestModel head = change.apply(base);
            MergeFixture f = new MergeFixture(base);
            f.customer("c", 1, "Ann", null, "1.00");
            f.merge(CUSTOMERS);

            ChangeCheck check = ChangeChecker.check(ecosystem(base), load(base).sources(), load(head), SHOP_TEAM);
            f.model(head);
            Reconciler.Report report = f.reconcile();
            f.customer("u", 1, "Ann", null, "2.00");
            MergeEngine.Outcome batch = f.merge(CUSTOMERS, MergeEngine.Hook.NONE);

            assertThat(check.violations()).as(head + " is accepted").isEmpty();
            assertThat(report.problems()).as(head + " reconciles").isEmpty();
            assertThat(batch).as(head + " merges").isInstanceOf(MergeEngine.Merged.class);
            List<String> planned = ChangePlan.between(ecosystem(base), ecosystem(head)).platforms().stream()
                    .flatMap(p -> p.items().stream()).filter(i -> i.kind() == ChangePlan.Kind.STAGING_TABLE || i.kind() == ChangePlan.Kind.MERGE_TABLE)
                    .flatMap(i -> i.details().stream().map(d -> i.name() + ": " + d)).toList();
            for (String action : tableActions(report)) {
                assertThat(planned).as("the plan names what reconcile did: " + action)
                        .anyMatch(p -> action.contains("." + p.substring(0, p.indexOf(':'))) && names(action, p));
            }
            for (String item : planned) {
                assertThat(tableActions(report)).as("reconcile did what the plan says: " + item)
                        .anyMatch(a -> a.contains("." + item.substring(0, item.indexOf(':'))) && names(a, item));
            }
        }
    }

    private static MergeFixture milestonedWithHistory(TestModel base) throws Exception {
        MergeFixture f = new MergeFixture(base.withCustomersMilestoned());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);
        f.customer("u", 1, "Ann", null, "5.00");
        f.merge(CUSTOMERS);
        f.customer("c", 2, "Bob", null, "2.00");
        f.customer("d", 2, "Bob", null, "2.00");
        f.merge(CUSTOMERS);
        return f;
    }

    /** Whether a reconcile action and a plan detail speak of the same column change or milestoning change. */
    private static boolean names(String action, String planned) {
        String detail = planned.substring(planned.indexOf(':') + 2);
        if (detail.startsWith("becomes milestoned")) {
            return action.contains(" milestoned:");
        }
        if (detail.startsWith("becomes live only")) {
            return action.contains(" live-only:");
        }
        String column = detail.split(" ")[1];
        return action.contains("." + column + " ") || action.contains("." + column + ":");
    }

    private static LoadedModel load(TestModel model) throws Exception {
        return Models.loadAndLint(ModelFiles.of("model", model.files()));
    }

    private static Ecosystem ecosystem(TestModel model) throws Exception {
        return load(model).requireValid();
    }

    /** What reconcile did to the tables; the workspace views that follow them are {@link WorkspaceViewsTest}'s business. */
    private static java.util.List<String> tableActions(Reconciler.Report report) {
        return report.actions().stream().filter(a -> !a.startsWith("made view") && !a.startsWith("dropped view")
                && !a.startsWith("made schema")).toList();
    }
}
