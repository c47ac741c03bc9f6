package io.datasurface.lint;

import io.datasurface.diagnostics.ProblemCollector;
import io.datasurface.kpsg.BatchStream;
import io.datasurface.kpsg.IngestedDataset;
import io.datasurface.kpsg.IntentionGraph;
import io.datasurface.kpsg.IntentionGraphBuilder;
import io.datasurface.kpsg.MappedColumn;
import io.datasurface.kpsg.PostgresTypes;
import io.datasurface.kpsg.TableLayout;
import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Dataset;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each platform can run what its workspaces ask of it: every credential is of a kind its credential
 * store supports, it supports every capture kind and column type it is given, and the PostgreSQL
 * names it derives from model names do not collide.
 */
final class PlatformRule implements LintRule {
    static final String CREDENTIAL = "credential";
    static final String SUPPORT = "platform-support";
    static final String NAMES = "pg-names";

    @Override
    public void check(Ecosystem ecosystem, ProblemCollector problems) {
        checkPlatformNames(ecosystem, problems);
        for (DataPlatform platform : ecosystem.platforms()) {
            ObjectPath platformPath = ModelPaths.platform(platform.name());
            for (Credential credential : platform.credentials()) {
                checkCredential(platform, credential, platformPath, problems);
            }
            Map<String, Ecosystem.StoreInTeam> stores = new LinkedHashMap<>();
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (Ecosystem.ConsumedDataset c : ecosystem.datasetsConsumedOn(platform.name())) {
                stores.putIfAbsent(c.store().store().name(), c.store());
                datasets.putIfAbsent(c.fullName(), c.dataset());
            }
            for (Ecosystem.StoreInTeam store : stores.values()) {
                ObjectPath storePath = ModelPaths.datastore(store.zone().name(), store.team().name(), store.store().name());
                Optional<CaptureMetaData> capture = store.store().capture();
                if (capture.isPresent() && !platform.supportsCapture(capture.get())) {
                    problems.error(SUPPORT, storePath, "platform " + platform.name() + " (" + platform.kind() + ") cannot ingest capture kind "
                            + capture.get().kind() + ", which a workspace on it needs: capture the store with a supported kind (debezium) "
                            + "or serve the workspace from another platform");
                }
                if (capture.orElse(null) instanceof CaptureMetaData.JdbcSnapshot snapshot) {
                    checkCredential(platform, snapshot.credential(), storePath, problems);
                }
                for (Dataset dataset : store.store().datasets()) {
                    if (!datasets.containsKey(store.store().name() + "." + dataset.name())) {
                        continue;
                    }
                    for (Column column : dataset.schema().columns()) {
                        if (DatasetRule.typeProblem(column.type()) == null
                                && PostgresTypes.map(column.type()) instanceof PostgresTypes.Mapping.Unsupported unsupported) {
                            problems.error(SUPPORT, storePath.child("dataset", dataset.name()).child("column", column.name()),
                                    "column " + column.name() + " has type " + column.type() + ", which platform " + platform.name()
                                            + " cannot store: " + unsupported.reason());
                        }
                    }
                }
            }
            if (platform instanceof KubernetesPGStarter kpsg) {
                checkRoles(kpsg, platformPath, problems);
                checkNames(ecosystem, kpsg, platformPath, problems);
            }
        }
    }

    /**
     * A platform's schema is its name as a PostgreSQL identifier, and its DAG files and Kubernetes
     * instance names are made from the schema: two platforms with one schema would share them all.
     */
    private static void checkPlatformNames(Ecosystem ecosystem, ProblemCollector problems) {
        Map<String, String> bySchema = new HashMap<>();
        for (DataPlatform platform : ecosystem.platforms()) {
            String schema = TableLayout.platformSchema(platform.name());
            String other = bySchema.putIfAbsent(schema, platform.name());
            if (other != null) {
                problems.error(NAMES, ModelPaths.platform(platform.name()), "platforms " + other + " and " + platform.name()
                        + " both map to schema " + schema + " (and to the same DAG files and Kubernetes names): rename one of them");
            }
        }
    }

    private static void checkRoles(KubernetesPGStarter platform, ObjectPath path, ProblemCollector problems) {
        for (KubernetesPGStarter.CredentialRole role : platform.credentialRoles()) {
            if (role.credential().kind() != role.expected()) {
                problems.error(CREDENTIAL, path.child("credential", role.role()), "the " + role.role() + " credential "
                        + role.credential().name() + " is of kind " + role.credential().kind().yamlName() + " but " + role.role()
                        + " needs kind " + role.expected().yamlName() + ": change its kind (and the secret's keys) to "
                        + role.expected().yamlName());
            }
        }
    }

    private static void checkCredential(DataPlatform platform, Credential credential, ObjectPath path, ProblemCollector problems) {
        if (!platform.credentialStore().supports(credential.kind())) {
            problems.error(CREDENTIAL, path, "credential " + credential.name() + " is of kind " + credential.kind().yamlName()
                    + ", which the credential store of platform " + platform.name() + " does not support; supported kinds: "
                    + platform.credentialStore().supportedKinds().stream().map(k -> k.yamlName()).sorted().toList());
        }
    }

    /** The derived table and column names must be unique; a clash the hashing could not resolve is an error. */
    private static void checkNames(Ecosystem ecosystem, KubernetesPGStarter platform, ObjectPath platformPath, ProblemCollector problems) {
        IntentionGraph graph = IntentionGraphBuilder.build(ecosystem, platform);
        Map<String, String> stems = new HashMap<>();
        for (BatchStream stream : graph.streams()) {
            String other = stems.putIfAbsent(stream.stem(), stream.key());
            if (other != null) {
                problems.error(NAMES, platformPath, "batch-streams " + other + " and " + stream.key() + " both map to " + stream.stem()
                        + ", the name of their DAG file and job pods: rename one of the datastores or datasets");
            }
        }
        Map<String, String> tables = new HashMap<>();
        for (IngestedDataset dataset : graph.datasets()) {
            String fullName = dataset.datastore() + "." + dataset.name();
            for (String table : new String[] {dataset.stagingTable(), dataset.mergeTable()}) {
                String other = tables.putIfAbsent(table, fullName);
                if (other != null) {
                    problems.error(NAMES, platformPath, "datasets " + other + " and " + fullName + " both map to PostgreSQL table " + graph.schema()
                            + "." + table + ": rename one of them");
                }
            }
            Map<String, String> columns = new HashMap<>();
            for (MappedColumn column : dataset.columns()) {
                String other = columns.putIfAbsent(column.name(), column.column().name());
                if (other != null) {
                    problems.error(NAMES, platformPath, "columns " + other + " and " + column.column().name() + " of " + fullName
                            + " both map to PostgreSQL column " + column.name() + ": rename one of them");
                }
                if (!column.name().equals(column.column().name())) {
                    problems.info(NAMES, platformPath, "column " + fullName + "." + column.column().name() + " is stored as " + column.name());
                }
            }
        }
    }
}
