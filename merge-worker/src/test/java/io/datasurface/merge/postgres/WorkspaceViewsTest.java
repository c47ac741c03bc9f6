package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.CUSTOMERS;
import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.merge.TestModel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consumers read through their workspace: a schema per workspace with a view per dataset (live,
 * and history with point-in-time functions for milestoned groups), readable by the workspace's
 * role and by nobody else, kept in step with the tables by reconcile.
 */
class WorkspaceViewsTest {

    @Test
    void reconcileMakesASchemaWithAViewPerDatasetForEachWorkspace() {
        MergeFixture f = new MergeFixture(TestModel.standard());

        assertThat(f.strings("SELECT table_schema || '.' || table_name FROM information_schema.views WHERE table_schema LIKE '" + f.schema
                + "\\_%' ORDER BY 1")).containsExactly(
                f.schema + "_history.ledger_db_accounts", f.schema + "_history.ledger_db_accounts_history",
                f.schema + "_history.ledger_db_entries", f.schema + "_history.ledger_db_entries_history",
                f.schema + "_ops.shop_db_customers");
        assertThat(f.strings("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + f.schema
                + "_ops' AND table_name = 'shop_db_customers' ORDER BY ordinal_position")).containsExactly("id", "name", "email", "balance");
        assertThat(f.strings("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + f.schema
                + "_history' AND table_name = 'ledger_db_accounts_history' ORDER BY ordinal_position"))
                .containsExactly("account_no", "owner", "dp_in", "dp_out");
        assertThat(f.strings("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '" + f.schema
                + "_history' ORDER BY 1")).containsExactly("ledger_db_accounts_as_of", "ledger_db_accounts_changes", "ledger_db_entries_as_of",
                "ledger_db_entries_changes");
    }

    @Test
    void aSecondReconcileLeavesTheViewsAsTheyAre() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());

        assertThat(f.reconcile().actions()).isEmpty();
    }

    @Test
    void aWorkspaceRoleReadsItsViewsAndNothingElse() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);
        String member = f.schema + "_alice";
        f.execute("CREATE ROLE \"" + member + "\" LOGIN PASSWORD 'alice' IN ROLE \"" + f.schema + "_ops_reader\"");
        try (Connection alice = DriverManager.getConnection(MergeFixture.DB.jdbcUrl().replaceAll("\\?.*", ""), member, "alice"); Statement s = alice.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name FROM \"" + f.schema + "_ops\".shop_db_customers")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Ann");
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + f.mergeTable("customers"))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM \"" + f.schema + "_history\".ledger_db_accounts"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        } finally {
            f.execute("DROP ROLE \"" + member + "\"");
        }
    }

    @Test
    void asOfGivesTheVersionsLiveAtATimeAndChangesTheVersionsBetweenTwo() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        String first = f.accountA1History("Ann", "Bob");
        String history = "\"" + f.schema + "_history\"";

        assertThat(f.strings("SELECT owner FROM " + history + ".ledger_db_accounts_as_of('" + first + "')")).containsExactly("Ann");
        assertThat(f.strings("SELECT owner FROM " + history + ".ledger_db_accounts_as_of(now())")).containsExactly("Bob");
        assertThat(f.strings("SELECT owner FROM " + history + ".ledger_db_accounts_as_of('" + first + "'::timestamptz - interval '1 second')"))
                .isEmpty();
        assertThat(f.strings("SELECT owner || ' ' || (dp_out IS NULL) FROM " + history + ".ledger_db_accounts_changes('" + first
                + "', now()) ORDER BY dp_in")).containsExactly("Ann false", "Bob true");
    }

    @Test
    void aLiveVersionIsLiveAsOfAnyLaterTimeEvenInfinity() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.account("c", "A1", "Ann");
        f.merge(LEDGER);
        f.account("c", "A2", "Bob");
        f.merge(LEDGER);
        f.account("d", "A2", "Bob");
        f.merge(LEDGER);
        String asOf = "\"" + f.schema + "_history\".ledger_db_accounts_as_of";

        assertThat(f.strings("SELECT owner FROM " + asOf + "('infinity')")).containsExactly("Ann");
        assertThat(f.strings("SELECT owner FROM " + asOf + "(now() + interval '100 years')")).containsExactly("Ann");
    }

    @Test
    void anAsOfReadUsesTheIndexesOfLiveAndClosedVersions() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        List<String> plan = new ArrayList<>();
        try (Connection c = MergeFixture.DB.connect(); Statement s = c.createStatement()) {
            // Too few rows for the planner to prefer an index on its own: forbid the scan to show the index serves the read.
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM \"" + f.schema + "_history\".ledger_db_accounts_as_of(now())")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }

        assertThat(String.join("\n", plan)).contains("ledger_db_accounts_merge_live_validity", "ledger_db_accounts_merge_closed_validity");
    }

    @Test
    void viewsFollowAnAddedAndAWidenedColumnInTheSameTransaction() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.model(TestModel.standard().withPhone().withWidenedCustomers());
        Reconciler.Report report = f.reconcile();

        assertThat(report.problems()).isEmpty();
        assertThat(report.actions()).contains("made view " + f.schema + "_ops.shop_db_customers for workspace ops");
        assertThat(f.strings("SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = '" + f.schema
                + "_ops' AND table_name = 'shop_db_customers' ORDER BY ordinal_position"))
                .containsExactly("id bigint", "name character varying", "email character varying", "balance numeric", "phone character varying");
        assertThat(f.strings("SELECT name || ' ' || balance FROM \"" + f.schema + "_ops\".shop_db_customers")).containsExactly("Ann 1.0000");
    }

    @Test
    void aLiveViewShowsOnlyTheLiveVersionsOnceTheTableIsMilestoned() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.customer("c", 1, "Ann", null, "1.00");
        f.merge(CUSTOMERS);

        f.model(TestModel.standard().withCustomersMilestoned());
        f.reconcile();
        f.customer("u", 1, "Ann", null, "2.00");
        f.merge(CUSTOMERS);

        assertThat(f.strings("SELECT balance::text FROM \"" + f.schema + "_ops\".shop_db_customers")).containsExactly("2.00");
        assertThat(f.strings("SELECT balance::text FROM \"" + f.schema + "_ops\".shop_db_customers_history ORDER BY dp_in"))
                .containsExactly("1.00", "2.00");
    }

    @Test
    void aDatasetLeavingAWorkspaceLosesItsViewThere() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard().withAccountsInOps());
        assertThat(f.strings("SELECT table_name FROM information_schema.views WHERE table_schema = '" + f.schema + "_ops' ORDER BY 1"))
                .containsExactly("ledger_db_accounts", "shop_db_customers");

        f.model(TestModel.standard());
        Reconciler.Report report = f.reconcile();

        assertThat(report.actions()).containsExactly("dropped view " + f.schema + "_ops.ledger_db_accounts: workspace ops no longer consumes it");
        assertThat(f.strings("SELECT table_name FROM information_schema.views WHERE table_schema = '" + f.schema + "_ops'"))
                .containsExactly("shop_db_customers");
        assertThat(f.strings("SELECT table_name FROM information_schema.views WHERE table_schema = '" + f.schema + "_history' ORDER BY 1"))
                .contains("ledger_db_accounts", "ledger_db_accounts_history");
    }
}
