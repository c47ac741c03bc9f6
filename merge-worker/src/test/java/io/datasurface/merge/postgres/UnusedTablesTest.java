package io.datasurface.merge.postgres;

import static io.datasurface.merge.postgres.MergeFixture.LEDGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.merge.TestModel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnusedTablesTest {
    private static final Duration EIGHT_DAYS = Duration.ofDays(8);

    private static long tables(MergeFixture f, String schema, String pattern) {
        return f.count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename LIKE '" + pattern + "'");
    }

    @Test
    void tablesOfARemovedWorkspaceArePlannedKeptDuringTheGracePeriodThenRemoved() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.model(TestModel.standard().withoutLedger());
        Instant now = Instant.now();

        UnusedTables.Plan plan = f.unusedPlan(now);
        assertThat(plan.tables()).extracting(UnusedTables.Unused::table, UnusedTables.Unused::decision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ledger_db_accounts_merge", UnusedTables.Decision.KEEP),
                org.assertj.core.groups.Tuple.tuple("ledger_db_accounts_staging", UnusedTables.Decision.KEEP),
                org.assertj.core.groups.Tuple.tuple("ledger_db_entries_merge", UnusedTables.Decision.KEEP),
                org.assertj.core.groups.Tuple.tuple("ledger_db_entries_staging", UnusedTables.Decision.KEEP));
        assertThat(f.removeUnused(now)).isEmpty();
        assertThat(tables(f, f.schema, "ledger_db_%")).isEqualTo(4);

        assertThat(f.unusedPlan(now.plus(EIGHT_DAYS)).toRemove()).hasSize(4);
        assertThat(f.removeUnused(now.plus(EIGHT_DAYS))).containsExactly(f.schema + ".ledger_db_accounts_merge",
                f.schema + ".ledger_db_accounts_staging", f.schema + ".ledger_db_entries_merge", f.schema + ".ledger_db_entries_staging");

        assertThat(tables(f, f.schema, "ledger_db_%")).isZero();
        assertThat(tables(f, f.schema, "shop_db_%")).as("tables still in use stay").isEqualTo(2);
        assertThat(f.strings("SELECT DISTINCT removal FROM " + f.sql.table("ds_table_registry") + " WHERE removed_at IS NOT NULL"))
                .containsExactly("dropped");
        assertThat(f.unusedPlan(now.plus(EIGHT_DAYS)).tables()).as("a removal is done once").isEmpty();
    }

    @Test
    void tableDataSurfaceDidNotCreateIsNeverTouched() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard().withoutLedger());
        f.execute("CREATE TABLE " + f.sql.table("old_db_things_staging") + " (id int)");
        f.execute("CREATE TABLE " + f.sql.table("someone_elses_report") + " (id int)");

        Instant later = Instant.now().plus(Duration.ofDays(365));
        assertThat(f.unusedPlan(later).tables()).isEmpty();
        assertThat(f.removeUnused(later)).isEmpty();

        assertThat(tables(f, f.schema, "old_db_things_staging") + tables(f, f.schema, "someone_elses_report")).isEqualTo(2);
    }

    @Test
    void tableUsedAgainWithinTheGracePeriodIsKept() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.execute("UPDATE " + f.sql.table("ds_table_registry") + " SET last_used_at = now() - interval '6 days'");
        f.account("c", "A1", "Ann");
        f.merge(LEDGER);
        f.model(TestModel.standard().withoutLedger());

        UnusedTables.Plan plan = f.unusedPlan(Instant.now().plus(Duration.ofDays(2)));

        assertThat(plan.tables()).hasSize(4).allMatch(t -> t.decision() == UnusedTables.Decision.KEEP);
        assertThat(f.removeUnused(Instant.now().plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void gracePeriodCountsFromWhenATableLeftTheGraphNotFromItsLastMerge() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard());
        f.execute("UPDATE " + f.sql.table("ds_table_registry") + " SET last_used_at = now() - interval '30 days'");
        f.removeUnused(Instant.now());
        f.model(TestModel.standard().withoutLedger());

        UnusedTables.Plan plan = f.unusedPlan(Instant.now());

        assertThat(plan.tables()).hasSize(4).allMatch(t -> t.decision() == UnusedTables.Decision.KEEP);
    }

    @Test
    void archiveModeMovesRemovedTablesWithTheirDataIntoTheArchiveSchema() throws Exception {
        MergeFixture f = new MergeFixture(TestModel.standard().withArchivedRemovedTables());
        f.account("c", "A1", "Ann");
        f.merge(LEDGER);
        f.model(TestModel.standard().withArchivedRemovedTables().withoutLedger());

        assertThat(f.removeUnused(Instant.now().plus(EIGHT_DAYS))).hasSize(4);

        String archive = f.sql.archiveSchema();
        assertThat(archive).isEqualTo(f.schema + "_archive");
        assertThat(tables(f, f.schema, "ledger_db_%")).isZero();
        assertThat(tables(f, archive, "ledger_db_%")).isEqualTo(4);
        String archived = f.strings("SELECT tablename FROM pg_tables WHERE schemaname = '" + archive
                + "' AND tablename LIKE 'ledger_db_accounts_merge_%'").get(0);
        assertThat(f.strings("SELECT account_no || ' ' || owner FROM \"" + archive + "\".\"" + archived + "\"")).containsExactly("A1 Ann");
        assertThat(f.strings("SELECT removal FROM " + f.sql.table("ds_table_registry") + " WHERE table_name = 'ledger_db_accounts_merge'"))
                .containsExactly("archived as " + archive + "." + archived);
    }
}
