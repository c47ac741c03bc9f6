package io.datasurface.merge.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

/** Milestoned merge tables made with one validity index for live and closed versions get one index per kind. */
class SharedValidityIndexTest {

    @Test
    void theSharedValidityIndexIsReplacedByOnePerKindAndTheAsOfFunctionReadsThem() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        String first = f.accountA1History("Ann", "Bob");
        String history = "\"" + f.schema + "_history\"";
        // The index and the as-of function as the merge-worker made them before.
        f.execute("DROP INDEX \"" + f.schema + "\".ledger_db_accounts_merge_live_validity, \"" + f.schema + "\".ledger_db_accounts_merge_closed_validity");
        f.execute("DROP STATISTICS \"" + f.schema + "\".ledger_db_accounts_merge_validity");
        f.execute("CREATE INDEX ledger_db_accounts_merge_valid ON " + f.mergeTable("accounts") + " USING gist (tstzrange(dp_in, dp_out, '[)'))");
        f.execute("CREATE OR REPLACE FUNCTION " + history + ".ledger_db_accounts_as_of(at timestamptz) RETURNS SETOF " + history
                + ".ledger_db_accounts_history LANGUAGE sql STABLE AS 'SELECT * FROM " + history
                + ".ledger_db_accounts_history v WHERE tstzrange(v.dp_in, v.dp_out, ''[)'') @> at'");

        Reconciler.Report report = f.reconcile();

        assertThat(report.actions()).containsExactly(
                "dropped index ledger_db_accounts_merge_valid of " + f.schema + ".ledger_db_accounts_merge: one GiST index of live and closed "
                        + "versions made every closed version's entry three times as costly; ledger_db_accounts_merge_live_validity and "
                        + "ledger_db_accounts_merge_closed_validity replace it",
                "made index ledger_db_accounts_merge_live_validity on the live versions' validity of " + f.schema + ".ledger_db_accounts_merge",
                "made index ledger_db_accounts_merge_closed_validity on the closed versions' validity of " + f.schema + ".ledger_db_accounts_merge",
                "made statistics ledger_db_accounts_merge_validity of the versions' validity of " + f.schema
                        + ".ledger_db_accounts_merge, for the planner's estimates of reads as of a time",
                "made views " + f.schema + "_history.ledger_db_accounts, ledger_db_accounts_history and the functions ledger_db_accounts_as_of, "
                        + "ledger_db_accounts_changes for workspace history");
        assertThat(f.strings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + f.schema + "' AND tablename = 'ledger_db_accounts_merge' "
                + "ORDER BY 1")).containsExactly("ledger_db_accounts_merge_closed_validity", "ledger_db_accounts_merge_live",
                "ledger_db_accounts_merge_live_validity", "ledger_db_accounts_merge_pkey");
        assertThat(f.strings("SELECT count(*) FROM pg_proc WHERE pronamespace = '" + f.schema + "_history'::regnamespace "
                + "AND proname = 'ledger_db_accounts_as_of' AND prosrc LIKE '%UNION ALL%'"))
                .as("the as-of function is made again, with one branch per index").containsExactly("1");
        assertThat(f.strings("SELECT owner FROM " + history + ".ledger_db_accounts_as_of('" + first + "')")).containsExactly("Ann");
        assertThat(f.strings("SELECT owner FROM " + history + ".ledger_db_accounts_as_of(now())")).containsExactly("Bob");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }
}
