package io.datasurface.merge;

import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.kpsg.WorkspaceSchema;
import io.datasurface.kpsg.WorkspaceSchemas;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.yaml.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test model: platform Test; store shop_db (single-dataset) with customers, consumed live or
 * milestoned; store ledger_db (multi-dataset) with accounts and entries, consumed milestoned.
 * Each {@code with...} gives a variant, as a model change would.
 */
public record TestModel(boolean phone, boolean customersMilestoned, boolean ledger, boolean archiveStagingRows, boolean archiveRemovedTables,
        boolean widened, boolean nameNullable, boolean accountsInOps) {

    public static TestModel standard() {
        return new TestModel(false, false, true, false, false, false, false, false);
    }

    /** customers gained a nullable column phone. */
    public TestModel withPhone() {
        return new TestModel(true, customersMilestoned, ledger, archiveStagingRows, archiveRemovedTables, widened, nameNullable, accountsInOps);
    }

    public TestModel withCustomersMilestoned() {
        return new TestModel(phone, true, ledger, archiveStagingRows, archiveRemovedTables, widened, nameNullable, accountsInOps);
    }

    /** The workspace that consumed the ledger is gone. */
    public TestModel withoutLedger() {
        return new TestModel(phone, customersMilestoned, false, archiveStagingRows, archiveRemovedTables, widened, nameNullable, accountsInOps);
    }

    public TestModel withArchivedStagingRows() {
        return new TestModel(phone, customersMilestoned, ledger, true, archiveRemovedTables, widened, nameNullable, accountsInOps);
    }

    public TestModel withArchivedRemovedTables() {
        return new TestModel(phone, customersMilestoned, ledger, archiveStagingRows, true, widened, nameNullable, accountsInOps);
    }

    /** customers' name varchar(50) became varchar(80) and balance decimal(10,2) became decimal(12,4): widenings the check accepts. */
    public TestModel withWidenedCustomers() {
        return new TestModel(phone, customersMilestoned, ledger, archiveStagingRows, archiveRemovedTables, true, nameNullable, accountsInOps);
    }

    /** customers' name, required so far, may be NULL now. */
    public TestModel withNullableName() {
        return new TestModel(phone, customersMilestoned, ledger, archiveStagingRows, archiveRemovedTables, widened, true, accountsInOps);
    }

    /** Workspace ops also consumes the ledger's accounts (live). */
    public TestModel withAccountsInOps() {
        return new TestModel(phone, customersMilestoned, ledger, archiveStagingRows, archiveRemovedTables, widened, nameNullable, true);
    }

    public Map<String, String> files() {
        Map<String, String> files = new TreeMap<>();
        files.put("ecosystem.yaml", """
                apiVersion: datasurface/v1
                kind: Ecosystem
                name: Shop
                owner: {repo: https://example.com/shop/model.git, branch: main}
                documentation: The merge-worker's test model
                vendors:
                  - {name: OnPrem, cloud: private, locations: [{name: DC1}]}
                platforms:
                  - name: Test
                    kind: KubernetesPGStarter
                    namespace: datasurface
                    postgres: {host: pg.invalid, port: 5432, database: datasurface, credential: {name: pg-main, kind: userPassword}}
                    kafka: {bootstrapServers: "kafka.invalid:9092"}
                    kafkaConnect: {name: kafka-connect, credential: {name: connect-api, kind: token}}
                    airflow: {name: airflow, credential: {name: airflow-api, kind: token}}
                    mergeImage: example/merge-worker:test
                    git: {credential: {name: git-model, kind: token}}
                    slack: {channel: "#data", credential: {name: slack-webhook, kind: token}}
                    mergeInterval: 5m
                    retention: {archiveStagingRows: %s, archiveRemovedTables: %s, unusedTableGracePeriod: 7d}
                zones:
                  - {name: Main, owner: {repo: https://example.com/shop/main-zone.git, branch: main}}
                """.formatted(archiveStagingRows, archiveRemovedTables));
        files.put("zones/Main/zone.yaml", """
                apiVersion: datasurface/v1
                kind: GovernanceZone
                name: Main
                policies:
                  classifications: {allowed: [public, internal, pii]}
                teams:
                  - {name: shop, owner: {repo: https://example.com/shop/shop-team.git, branch: main}}
                """);
        String ledgerWorkspace = !ledger ? "" : """
                  - name: history
                    platform: Test
                    groups:
                      - name: ledger
                        milestoning: milestoned
                        sinks: [{datastore: ledger_db, dataset: accounts}, {datastore: ledger_db, dataset: entries}]
                """;
        files.put("zones/Main/teams/shop.yaml", """
                apiVersion: datasurface/v1
                kind: Team
                name: shop
                datastores:
                  - name: shop_db
                    location: OnPrem/DC1
                    capture: {kind: debezium, transactions: singleDataset, topicPrefix: cdc.shop_db}
                    datasets:
                      - name: customers
                        classification: pii
                        columns:
                          - {name: id, type: bigint, key: true}
                          - {name: name, type: %s%s}
                          - {name: email, type: varchar(100), nullable: true}
                          - {name: balance, type: "%s"}
                %s
                  - name: ledger_db
                    location: OnPrem/DC1
                    capture: {kind: debezium, transactions: multiDataset, topicPrefix: cdc.ledger_db}
                    datasets:
                      - name: accounts
                        classification: internal
                        columns:
                          - {name: account_no, type: char(6), key: true}
                          - {name: owner, type: varchar(50)}
                      - name: entries
                        classification: internal
                        columns:
                          - {name: entry_id, type: bigint, key: true}
                          - {name: account_no, type: char(6)}
                          - {name: amount, type: "decimal(12,2)"}
                          - {name: booked_at, type: timestamptz}
                          - {name: memo, type: text, nullable: true}
                workspaces:
                  - name: ops
                    platform: Test
                    groups:
                      - name: main
                        milestoning: %s
                        sinks: [{datastore: shop_db, dataset: customers}%s]
                %s""".formatted(widened ? "varchar(80)" : "varchar(50)", nameNullable ? ", nullable: true" : "",
                widened ? "decimal(12,4)" : "decimal(10,2)", phone ? "          - {name: phone, type: varchar(20), nullable: true}" : "",
                customersMilestoned ? "milestoned" : "liveOnly", accountsInOps ? ", {datastore: ledger_db, dataset: accounts}" : "",
                ledgerWorkspace));
        return files;
    }

    /** The platform's graph with its tables in the given schema, so that each test has its own. */
    public IntentionGraph graph(String schema) {
        Ecosystem ecosystem;
        try {
            ecosystem = Models.loadAndLint(ModelFiles.of("test-model", files())).requireValid();
        } catch (Exception e) {
            throw new IllegalStateException("the test model does not lint clean: " + e.getMessage(), e);
        }
        KubernetesPGStarter platform = (KubernetesPGStarter) ecosystem.platform("Test").orElseThrow();
        IntentionGraph graph = IntentionGraphBuilder.build(ecosystem, platform);
        return new IntentionGraph(graph.platform(), schema, graph.streams(), WorkspaceSchemas.build(ecosystem, platform, schema, graph.streams()));
    }

    /** The schemas of the platform's workspaces, for a graph in the given schema. */
    public List<WorkspaceSchema> workspaces(String schema) {
        return graph(schema).workspaces();
    }

    /** Writes the model into a folder, for the commands. */
    public Path write(Path folder) {
        try {
            for (Map.Entry<String, String> f : files().entrySet()) {
                Path p = folder.resolve(f.getKey());
                Files.createDirectories(p.getParent() == null ? folder : p.getParent());
                Files.writeString(p, f.getValue());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
