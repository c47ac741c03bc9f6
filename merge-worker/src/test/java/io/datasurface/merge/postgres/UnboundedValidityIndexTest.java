package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import org.junit.jupiter.api.Test;

/** Milestoned merge tables made while a live version's validity range was open above get the bounded validity index. */
class UnboundedValidityIndexTest {

    @Test
    void theUnboundedValidityIndexIsReplacedAndAsOfReadsGiveTheSameVersions() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        String first = f.accountA1History("Ann", "Bob");
        // The index as the merge-worker made it before.
        f.execute("DROP INDEX \"" + f.schema + "\".ledger_db_accounts_merge_validity");
        f.execute("CREATE INDEX ledger_db_accounts_merge_valid ON " + f.mergeTable("accounts") + " USING gist (tstzrange(dp_in, dp_out, '[)'))");

        Reconciler.Report report = f.reconcile();
        f.account("u", "A1", "Cid");
        f.merge(LEDGER);

        assertThat(report.actions()).containsExactly(
                "dropped index ledger_db_accounts_merge_valid of " + f.schema + ".ledger_db_accounts_merge: its live versions' ranges were "
                        + "unbounded, which made every closed version's entry three times as costly; ledger_db_accounts_merge_validity replaces it",
                "made index ledger_db_accounts_merge_validity on the versions' validity of " + f.schema + ".ledger_db_accounts_merge",
                "made views " + f.schema + "_history.ledger_db_accounts, ledger_db_accounts_history and the functions ledger_db_accounts_as_of, "
                        + "ledger_db_accounts_changes for workspace history");
        assertThat(f.strings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + f.schema + "' AND tablename = 'ledger_db_accounts_merge' "
                + "ORDER BY 1")).containsExactly("ledger_db_accounts_merge_live", "ledger_db_accounts_merge_pkey", "ledger_db_accounts_merge_validity");
        String asOf = "\"" + f.schema + "_history\".ledger_db_accounts_as_of";
        assertThat(f.strings("SELECT owner FROM " + asOf + "('" + first + "')")).containsExactly("Ann");
        assertThat(f.strings("SELECT owner FROM " + asOf + "(now())")).containsExactly("Cid");
        assertThat(f.strings("SELECT count(*) FROM pg_proc WHERE pronamespace = '" + f.schema + "_history'::regnamespace "
                + "AND proname = 'ledger_db_accounts_as_of' AND prosrc LIKE '%coalesce%'"))
                .as("the as-of function reads the range as the new index holds it, so the planner can use the index").containsExactly("1");
        assertThat(f.reconcile().actions()).as("a second reconcile has nothing to do").isEmpty();
    }
}
