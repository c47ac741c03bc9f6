package io.datasurface.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.events.CloudEvents;
import io.datasurface.events.DataSurfaceEvent;
import io.datasurface.kpsg.graphfile.GraphFile;
import io.datasurface.kpsg.graphfile.GraphFiles;
import io.datasurface.testing.TestingKafka;
import io.datasurface.testing.TestingPostgres;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class CommandsTest {

    @Test
    void helpExitsZeroOnEveryCommand(QuarkusMainLauncher launcher) {
        for (String command : List.of("reconcile", "merge", "streams", "tables", "remove-unused")) {
            LaunchResult result = launcher.launch(command, "--help");
            assertThat(result.exitCode()).as(command + " --help").isZero();
            assertThat(result.getOutput()).as(command + " --help").contains("Usage:");
        }
        assertThat(launcher.launch("--help").exitCode()).isZero();
    }
    @TempDir
    Path dir;

    Path model;
    TestingPostgres.Database db;

    @BeforeEach
    void environment() {
        model = TestModel.standard().write(dir.resolve("model"));
        db = TestingPostgres.get().newDatabase();
        TestEnvironment.set(Environment.JDBC_URL, db.jdbcUrl());
        TestEnvironment.set("PG_MAIN_USER", db.user());
        TestEnvironment.set("PG_MAIN_PASSWORD", db.password());
        TestEnvironment.set(Environment.KAFKA_BOOTSTRAP_SERVERS, "none");
    }

    private String[] args(String command, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command, "--model", model.toString(), "--platform", "Test"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private void reconcile(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(args("reconcile"));
        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
    }

    @Test
    void streamsListsOneKeyALine(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(args("streams"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutputStream()).containsExactly("ledger_db", "shop_db.customers");
    }

    @Test
    void tablesPrintsEveryDatasetsTablesAsJson(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(args("tables"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("\"schema\" : \"test\"", "\"stream\" : \"shop_db.customers\"",
                "\"staging\" : \"test.shop_db_customers_staging\"", "\"merge\" : \"test.ledger_db_entries_merge\"",
                "\"milestoning\" : \"milestoned\"");
    }

    @Test
    void unknownStreamIsUnusableInput(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(args("merge", "--stream", "nope"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("no batch-stream 'nope' on platform Test; it has: ledger_db, shop_db.customers");
    }

    @Test
    void missingModelFolderIsUnusableInput(QuarkusMainLauncher launcher) {
        model = dir.resolve("no-such-model");

        LaunchResult result = launcher.launch(args("reconcile"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("model folder " + model + " does not exist");
    }

    @Test
    void missingCredentialVariableIsUnusableInput(QuarkusMainLauncher launcher) {
        TestEnvironment.clear("PG_MAIN_PASSWORD");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("environment variable PG_MAIN_PASSWORD is not set");
    }

    @Test
    void aRunWhoseModelDoesNotLintIsRecordedAsFailedAndPublished(QuarkusMainLauncher launcher) throws Exception {
        TestEnvironment.set(Environment.KAFKA_BOOTSTRAP_SERVERS, TestingKafka.get().bootstrapServers());
        reconcile(launcher);
        Path team = model.resolve("zones/Main/teams/shop.yaml");
        java.nio.file.Files.writeString(team, java.nio.file.Files.readString(team).replace("{name: id, type: bigint, key: true}",
                "{name: id, type: bigint}"));

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isEqualTo(2);
        List<String> recorded = new java.util.ArrayList<>();
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT status || ' ' || error_hint FROM test.ds_job_metrics WHERE stream = 'shop_db.customers'")) {
            while (rs.next()) {
                recorded.add(rs.getString(1));
            }
        }
        assertThat(recorded).singleElement().asString().startsWith("failed stream shop_db.customers: the model has 1 error(s)")
                .contains("primary key");
        assertThat(TestingKafka.get().awaitValue("datasurface.events", v -> CloudEvents.fromJson(v) instanceof DataSurfaceEvent.MergeFailed m
                && m.hint().startsWith("the model has 1 error(s)"), Duration.ofSeconds(60))).as("MergeFailed published").isPresent();
    }

    @Test
    void mergeCommitsTheBatchAndPublishesMergeSucceeded(QuarkusMainLauncher launcher) {
        TestEnvironment.set(Environment.KAFKA_BOOTSTRAP_SERVERS, TestingKafka.get().bootstrapServers());
        reconcile(launcher);
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (41, 'Ann', 1, 'c'), (42, 'Bob', 2, 'c')");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("2 staging row(s), 2 inserted, 0 updated, 0 deleted, 0 unchanged");
        assertThat(TestingKafka.get().awaitValue("datasurface.events", v -> CloudEvents.fromJson(v) instanceof DataSurfaceEvent.MergeSucceeded m
                && m.platform().equals("Test") && m.stream().equals("shop_db.customers") && m.stagingRows() == 2 && m.inserted() == 2,
                Duration.ofSeconds(60))).as("MergeSucceeded published").isPresent();
    }

    @Test
    void transactionThatWaitedLongerThanTheTransactionWaitIsMergedAndPublishedAsReleased(QuarkusMainLauncher launcher) {
        TestEnvironment.set(Environment.KAFKA_BOOTSTRAP_SERVERS, TestingKafka.get().bootstrapServers());
        reconcile(launcher);
        // Debezium's transaction id, <xid>:<lsn>, as the sink writes it; no END record ever comes for it.
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op, ds_tx_id) VALUES (41, 'Ann', 1, 'c', '571:100')");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers", "--transaction-wait", "0s"));

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("1 staging row(s), 1 inserted",
                "; 1 released after waiting 0s: 571 (no END record arrived)");
        assertThat(TestingKafka.get().awaitValue("datasurface.events", v -> CloudEvents.fromJson(v) instanceof DataSurfaceEvent.TransactionsReleased r
                && r.platform().equals("Test") && r.stream().equals("shop_db.customers") && r.waitMillis() == 0
                && r.transactions().equals(List.of("571 (no END record arrived)")), Duration.ofSeconds(60)))
                .as("TransactionsReleased published").isPresent();
    }

    @Test
    void incompleteTransactionYoungerThanTheDefaultWaitIsHeldAndSaidSo(QuarkusMainLauncher launcher) {
        reconcile(launcher);
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op, ds_tx_id) VALUES (41, 'Ann', 1, 'c', '572:9')");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains(": 0 staging row(s), 0 inserted", "; 1 incomplete source transaction(s) held for a later batch")
                .doesNotContain("released");
    }

    @Test
    void transactionWaitThatIsNoDurationOrOutOfRangeIsUnusableInput(QuarkusMainLauncher launcher) {
        reconcile(launcher);

        LaunchResult notADuration = launcher.launch(args("merge", "--stream", "shop_db.customers", "--transaction-wait", "soon"));
        LaunchResult tooLong = launcher.launch(args("merge", "--stream", "shop_db.customers", "--transaction-wait", "2d"));

        assertThat(notADuration.exitCode()).isEqualTo(2);
        assertThat(notADuration.getErrorOutput()).contains("--transaction-wait 'soon' is not a duration: write e.g. 30s, 5m or PT5M");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.getErrorOutput()).contains("--transaction-wait 2d is out of range: transactionWait must be between 0 and");
    }

    @Test
    void failedBatchExitsOneWithTheHint(QuarkusMainLauncher launcher) {
        reconcile(launcher);
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (NULL, 'Ann', 1, 'c')");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput()).contains("stream shop_db.customers: table test.shop_db_customers_staging, staging row ds_seq=1: "
                + "key column id is null");
    }

    @Test
    void kafkaOutageNeverFailsACommittedMerge(QuarkusMainLauncher launcher) {
        TestEnvironment.set(Environment.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:1");
        reconcile(launcher);
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (7, 'Ann', 1, 'c')");

        LaunchResult result = launcher.launch(args("merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput() + result.getErrorOutput()).contains("event io.datasurface.merge.succeeded not published");
        db.execute("DO $$ BEGIN IF (SELECT count(*) FROM test.shop_db_customers_merge) <> 1 THEN RAISE 'not merged'; END IF; END $$");
    }

    @Test
    void removeUnusedPrintsThePlanWithoutApply(QuarkusMainLauncher launcher) {
        reconcile(launcher);
        model = TestModel.standard().withoutLedger().write(dir.resolve("model-without-ledger"));

        LaunchResult result = launcher.launch(args("remove-unused"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("platform Test, schema test: grace period 7d, removed tables are dropped",
                "  keep   test.ledger_db_accounts_merge  (merge of ledger_db.accounts, stream ledger_db; last used ",
                "4 unused table(s): 0 to remove, 4 in their grace period, 0 gone");
    }

    static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    /** The graph file render-service would write for the standard model at {@link #COMMIT}. */
    private Path graphFile() throws Exception {
        Path file = dir.resolve("rendered").resolve(GraphFiles.path("test"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, GraphFiles.toJson(new GraphFile(COMMIT, TestModel.standard().graph("test"))));
        return file;
    }

    private String[] graphArgs(Path graph, String commit, String command, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(command, "--graph", graph.toString(), "--commit", commit, "--platform", "Test"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void mergeFromTheGraphFileOfItsCommitMergesWithoutTheModel(QuarkusMainLauncher launcher) throws Exception {
        Path graph = graphFile();
        LaunchResult reconciled = launcher.launch(graphArgs(graph, COMMIT, "reconcile"));
        assertThat(reconciled.exitCode()).as(reconciled.getErrorOutput()).isZero();
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (41, 'Ann', 1, 'c')");

        LaunchResult result = launcher.launch(graphArgs(graph, COMMIT, "merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("1 staging row(s), 1 inserted");
    }

    @Test
    void graphFileOfAnotherCommitIsRefusedAndTheRunRecordedAsFailed(QuarkusMainLauncher launcher) throws Exception {
        Path graph = graphFile();
        assertThat(launcher.launch(graphArgs(graph, COMMIT, "reconcile")).exitCode()).isZero();
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (41, 'Ann', 1, 'c')");

        LaunchResult result = launcher.launch(graphArgs(graph, "1111111111111111111111111111111111111111", "merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("was made from commit " + COMMIT
                + ", but this job was started for commit 1111111111111111111111111111111111111111");
        db.execute("DO $$ BEGIN IF (SELECT count(*) FROM test.shop_db_customers_merge) <> 0 THEN RAISE 'merged'; END IF; END $$");
        db.execute("DO $$ BEGIN IF (SELECT count(*) FROM test.ds_job_metrics WHERE status = 'failed') <> 1 THEN RAISE 'not recorded'; END IF; END $$");
    }

    @Test
    void graphFileThatDoesNotMatchItsHashIsRefused(QuarkusMainLauncher launcher) throws Exception {
        Path graph = graphFile();
        assertThat(launcher.launch(graphArgs(graph, COMMIT, "reconcile")).exitCode()).isZero();
        db.execute("INSERT INTO test.shop_db_customers_staging (id, name, balance, ds_op) VALUES (41, 'Ann', 1, 'c')");
        Files.writeString(graph, Files.readString(graph).replace("\"stagingTable\":\"shop_db_customers_staging\"",
                "\"stagingTable\":\"shop_db_customers_stagin2\""));

        LaunchResult result = launcher.launch(graphArgs(graph, COMMIT, "merge", "--stream", "shop_db.customers"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("does not match its content hash");
        db.execute("DO $$ BEGIN IF (SELECT count(*) FROM test.shop_db_customers_merge) <> 0 THEN RAISE 'merged'; END IF; END $$");
    }

    @Test
    void graphWithoutCommitIsUnusableInput(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("merge", "--graph", graphFile().toString(), "--platform", "Test", "--stream", "shop_db.customers");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--graph needs --commit SHA");
    }

    @Test
    void removeUnusedReadsTheGraphFile(QuarkusMainLauncher launcher) throws Exception {
        reconcile(launcher);
        Path file = dir.resolve("without-ledger.json");
        Files.writeString(file, GraphFiles.toJson(new GraphFile(COMMIT, TestModel.standard().withoutLedger().graph("test"))));

        LaunchResult result = launcher.launch(graphArgs(file, COMMIT, "remove-unused"));

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("4 unused table(s): 0 to remove, 4 in their grace period, 0 gone");
    }
}
