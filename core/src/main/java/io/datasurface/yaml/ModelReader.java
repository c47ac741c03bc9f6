package io.datasurface.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.ClassificationPolicy;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.CredentialKind;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
import io.datasurface.model.Durations;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.LocationRef;
import io.datasurface.model.Milestoning;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.Schema;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.Team;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.TransactionScope;
import io.datasurface.model.VendorPolicy;
import io.datasurface.model.Workspace;
import io.datasurface.model.ZoneDeclaration;
import io.datasurface.model.ZonePolicies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one schema-valid model file into model records, recording where each object was defined.
 * Values the schema cannot check (type names, durations) are reported as problems with their line.
 */
final class ModelReader {
    private final YamlDocument document;
    private final Map<ObjectPath, SourceLocation> sources;
    private final List<Problem> problems;

    ModelReader(YamlDocument document, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) {
        this.document = document;
        this.sources = sources;
        this.problems = problems;
    }

    record EcosystemFile(String name, Repository owner, Documentation documentation, List<InfrastructureVendor> vendors,
            List<DataPlatform> platforms, List<ZoneDeclaration> zoneDeclarations) {
    }

    record ZoneFile(String name, Documentation documentation, ZonePolicies policies, List<TeamDeclaration> teamDeclarations) {
    }

    EcosystemFile ecosystem() {
        JsonNode root = document.root();
        sources.put(ObjectPath.ROOT, document.locate(root));
        return new EcosystemFile(
                root.path("name").asText(),
                repository(root.path("owner")),
                documentation(root),
                list(root, "", "vendors", (node, pointer) -> vendor(node, pointer, ModelPaths.vendor(node.path("name").asText()))),
                list(root, "", "platforms", (node, pointer) -> platform(node, pointer)),
                list(root, "", "zones", (node, pointer) -> {
                    ZoneDeclaration d = new ZoneDeclaration(node.path("name").asText(), repository(node.path("owner")));
                    sources.put(ModelPaths.zoneDeclaration(d.name()), document.locate(node));
                    return d;
                }));
    }

    ZoneFile zone() {
        JsonNode root = document.root();
        String name = root.path("name").asText();
        ObjectPath path = ModelPaths.zone(name);
        sources.put(path, document.locate(root));
        JsonNode policies = root.path("policies");
        ZonePolicies zonePolicies = new ZonePolicies(
                new ClassificationPolicy(strings(policies.path("classifications").path("allowed")),
                        strings(policies.path("classifications").path("restrictedToZone"))),
                new VendorPolicy(strings(policies.path("vendors").path("allowed"))));
        List<TeamDeclaration> teams = list(root, "", "teams", (node, pointer) -> {
            TeamDeclaration d = new TeamDeclaration(node.path("name").asText(), repository(node.path("owner")));
            sources.put(path.child("team declaration", d.name()), document.locate(node));
            return d;
        });
        return new ZoneFile(name, documentation(root), zonePolicies, teams);
    }

    Team team(String zoneName) {
        JsonNode root = document.root();
        String name = root.path("name").asText();
        ObjectPath path = ModelPaths.team(zoneName, name);
        sources.put(path, document.locate(root));
        return new Team(name, documentation(root),
                list(root, "", "datastores", (node, pointer) -> datastore(node, pointer, path)),
                list(root, "", "workspaces", (node, pointer) -> workspace(node, pointer, path)));
    }

    private Datastore datastore(JsonNode node, String pointer, ObjectPath teamPath) {
        String name = node.path("name").asText();
        ObjectPath path = teamPath.child("datastore", name);
        sources.put(path, document.locate(node));
        Optional<CaptureMetaData> capture = node.has("capture") ? capture(node.path("capture"), pointer + "/capture") : Optional.empty();
        Optional<LocationRef> location = node.hasNonNull("location") ? Optional.of(LocationRef.parse(node.path("location").asText())) : Optional.empty();
        return new Datastore(name, documentation(node), capture, location,
                list(node, pointer, "datasets", (d, p) -> dataset(d, p, path)));
    }

    private Optional<CaptureMetaData> capture(JsonNode node, String pointer) {
        TransactionScope transactions = node.has("transactions")
                ? TransactionScope.fromYaml(node.path("transactions").asText())
                : TransactionScope.SINGLE_DATASET;
        Optional<Duration> schedule = node.has("schedule") ? duration(node.path("schedule"), pointer + "/schedule") : Optional.empty();
        return switch (node.path("kind").asText()) {
            case CaptureMetaData.DebeziumKafka.KIND ->
                    Optional.of(new CaptureMetaData.DebeziumKafka(node.path("topicPrefix").asText(), transactions, schedule));
            case CaptureMetaData.JdbcSnapshot.KIND -> Optional.of(new CaptureMetaData.JdbcSnapshot(
                    node.path("jdbcUrl").asText(), credential(node.path("credential")), transactions, schedule));
            default -> Optional.empty();
        };
    }

    private Dataset dataset(JsonNode node, String pointer, ObjectPath storePath) {
        String name = node.path("name").asText();
        ObjectPath path = storePath.child("dataset", name);
        sources.put(path, document.locate(node));
        List<Column> columns = list(node, pointer, "columns", (c, p) -> column(c, p, path));
        return new Dataset(name, documentation(node), node.path("classification").asText(),
                node.path("deprecated").asBoolean(false), new Schema(columns));
    }

    private Column column(JsonNode node, String pointer, ObjectPath datasetPath) {
        String name = node.path("name").asText();
        sources.put(datasetPath.child("column", name), document.locate(node));
        DataType type;
        try {
            type = DataType.parse(node.path("type").asText());
        } catch (IllegalArgumentException e) {
            problems.add(error(pointer + "/type", datasetPath.child("column", name), e.getMessage()));
            return null;
        }
        Optional<String> classification = node.hasNonNull("classification") ? Optional.of(node.path("classification").asText()) : Optional.empty();
        return new Column(name, type, node.path("nullable").asBoolean(false), node.path("key").asBoolean(false), classification);
    }

    private Workspace workspace(JsonNode node, String pointer, ObjectPath teamPath) {
        String name = node.path("name").asText();
        ObjectPath path = teamPath.child("workspace", name);
        sources.put(path, document.locate(node));
        return new Workspace(name, documentation(node), node.path("platform").asText(),
                list(node, pointer, "groups", (g, p) -> group(g, p, path)));
    }

    private DatasetGroup group(JsonNode node, String pointer, ObjectPath workspacePath) {
        String name = node.path("name").asText();
        ObjectPath path = workspacePath.child("group", name);
        sources.put(path, document.locate(node));
        Milestoning milestoning = node.has("milestoning") ? Milestoning.fromYaml(node.path("milestoning").asText()) : Milestoning.LIVE_ONLY;
        return new DatasetGroup(name, milestoning, list(node, pointer, "sinks", (s, p) -> {
            DatasetSink sink = new DatasetSink(s.path("datastore").asText(), s.path("dataset").asText());
            sources.put(path.child("sink", sink.toString()), document.locate(s));
            return sink;
        }));
    }

    private DataPlatform platform(JsonNode node, String pointer) {
        String name = node.path("name").asText();
        sources.put(ModelPaths.platform(name), document.locate(node));
        JsonNode pg = node.path("postgres");
        JsonNode retention = node.path("retention");
        KubernetesPGStarter.TableRetention defaults = KubernetesPGStarter.TableRetention.DEFAULT;
        return new KubernetesPGStarter(
                name,
                documentation(node),
                node.path("namespace").asText(),
                new KubernetesPGStarter.Postgres(pg.path("host").asText(), pg.path("port").asInt(KubernetesPGStarter.Postgres.DEFAULT_PORT), pg.path("database").asText(),
                        credential(pg.path("credential"))),
                new KubernetesPGStarter.Kafka(node.path("kafka").path("bootstrapServers").asText()),
                service(node.path("kafkaConnect")),
                service(node.path("airflow")),
                node.path("mergeImage").asText(),
                credential(node.path("git").path("credential")),
                new KubernetesPGStarter.Slack(node.path("slack").path("channel").asText(), credential(node.path("slack").path("credential"))),
                node.has("mergeInterval")
                        ? duration(node.path("mergeInterval"), pointer + "/mergeInterval").orElse(KubernetesPGStarter.DEFAULT_MERGE_INTERVAL)
                        : KubernetesPGStarter.DEFAULT_MERGE_INTERVAL,
                new KubernetesPGStarter.TableRetention(
                        retention.path("archiveStagingRows").asBoolean(defaults.archiveStagingRows()),
                        retention.path("archiveRemovedTables").asBoolean(defaults.archiveRemovedTables()),
                        retention.has("unusedTableGracePeriod")
                                ? duration(retention.path("unusedTableGracePeriod"), pointer + "/retention/unusedTableGracePeriod")
                                        .orElse(defaults.unusedTableGracePeriod())
                                : defaults.unusedTableGracePeriod()));
    }

    private KubernetesPGStarter.Service service(JsonNode node) {
        return new KubernetesPGStarter.Service(node.path("name").asText(), credential(node.path("credential")));
    }

    private InfrastructureVendor vendor(JsonNode node, String pointer, ObjectPath path) {
        sources.put(path, document.locate(node));
        return new InfrastructureVendor(node.path("name").asText(), node.path("cloud").asText(),
                list(node, pointer, "locations", (l, p) -> location(l, p, path)));
    }

    private InfrastructureLocation location(JsonNode node, String pointer, ObjectPath parent) {
        ObjectPath path = parent.child("location", node.path("name").asText());
        sources.put(path, document.locate(node));
        return new InfrastructureLocation(node.path("name").asText(), list(node, pointer, "locations", (l, p) -> location(l, p, path)));
    }

    private static Repository repository(JsonNode node) {
        return new Repository(node.path("repo").asText(), node.path("branch").asText());
    }

    private static Credential credential(JsonNode node) {
        return new Credential(node.path("name").asText(), CredentialKind.fromYaml(node.path("kind").asText()));
    }

    private static Documentation documentation(JsonNode node) {
        return node.hasNonNull("documentation") ? new Documentation(node.path("documentation").asText()) : Documentation.NONE;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private Optional<Duration> duration(JsonNode node, String pointer) {
        try {
            return Optional.of(Durations.parse(node.asText()));
        } catch (IllegalArgumentException e) {
            problems.add(error(pointer, ObjectPath.ROOT, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Reads each element of an array field of the node at the pointer; elements that could not be read (null) are dropped. */
    private <T> List<T> list(JsonNode node, String pointer, String field, ElementReader<T> reader) {
        JsonNode array = node.path(field);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            T value = reader.read(array.get(i), pointer + "/" + field + "/" + i);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private Problem error(String pointer, ObjectPath path, String message) {
        return new Problem(Severity.ERROR, "load", path, Optional.of(document.locate(pointer)), message);
    }

    @FunctionalInterface
    private interface ElementReader<T> {
        T read(JsonNode node, String pointer);
    }
}
