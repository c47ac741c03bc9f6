package io.datasurface.yaml;

import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.Column;
import io.datasurface.model.Credential;
import io.datasurface.model.DataPlatform;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
import io.datasurface.model.Durations;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.InfrastructureLocation;
import io.datasurface.model.InfrastructureVendor;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.Repository;
import io.datasurface.model.Team;
import io.datasurface.model.Workspace;
import io.datasurface.model.ZonePolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a model back into the folder layout the loader reads. Loading what it writes gives an equal
 * model, which is what tests and generated models (benchmarks, governance scenarios) rely on.
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /** The model's files, by relative path. */
    public static SortedMap<String, String> toFiles(Ecosystem ecosystem) {
        Yaml yaml = yaml();
        SortedMap<String, String> files = new TreeMap<>();
        files.put(ModelLayout.ECOSYSTEM_FILE, yaml.dump(ecosystem(ecosystem)));
        for (GovernanceZone zone : ecosystem.zones()) {
            files.put(ModelLayout.zoneFile(zone.name()), yaml.dump(zone(zone)));
            for (Team team : zone.teams()) {
                files.put(ModelLayout.teamFile(zone.name(), team.name()), yaml.dump(team(team)));
            }
        }
        return files;
    }

    public static void write(Ecosystem ecosystem, Path folder) throws IOException {
        for (Map.Entry<String, String> file : toFiles(ecosystem).entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> ecosystem(Ecosystem e) {
        Map<String, Object> m = header(ModelKind.ECOSYSTEM, e.name());
        m.put("owner", repository(e.owner()));
        documentation(m, e.documentation());
        m.put("vendors", e.vendors().stream().map(ModelWriter::vendor).toList());
        m.put("platforms", e.platforms().stream().map(ModelWriter::platform).toList());
        m.put("zones", e.zoneDeclarations().stream().map(d -> declaration(d.name(), d.owner())).toList());
        return m;
    }

    private static Map<String, Object> zone(GovernanceZone z) {
        Map<String, Object> m = header(ModelKind.ZONE, z.name());
        documentation(m, z.documentation());
        ZonePolicies p = z.policies();
        m.put("policies", map(
                "classifications", map("allowed", p.classifications().allowed(), "restrictedToZone", p.classifications().restrictedToZone()),
                "vendors", map("allowed", p.vendors().allowed())));
        m.put("teams", z.teamDeclarations().stream().map(d -> declaration(d.name(), d.owner())).toList());
        return m;
    }

    private static Map<String, Object> team(Team t) {
        Map<String, Object> m = header(ModelKind.TEAM, t.name());
        documentation(m, t.documentation());
        m.put("datastores", t.datastores().stream().map(ModelWriter::datastore).toList());
        m.put("workspaces", t.workspaces().stream().map(ModelWriter::workspace).toList());
        return m;
    }

    private static Map<String, Object> datastore(Datastore s) {
        Map<String, Object> m = map("name", s.name());
        documentation(m, s.documentation());
        s.location().ifPresent(l -> m.put("location", l.toString()));
        s.capture().ifPresent(c -> m.put("capture", capture(c)));
        m.put("datasets", s.datasets().stream().map(ModelWriter::dataset).toList());
        return m;
    }

    private static Map<String, Object> capture(CaptureMetaData c) {
        Map<String, Object> m = map("kind", c.kind());
        if (c instanceof CaptureMetaData.DebeziumKafka d) {
            m.put("topicPrefix", d.topicPrefix());
        } else if (c instanceof CaptureMetaData.JdbcSnapshot j) {
            m.put("jdbcUrl", j.jdbcUrl());
            m.put("credential", credential(j.credential()));
        }
        m.put("transactions", c.transactions().yamlName());
        c.schedule().ifPresent(s -> m.put("schedule", Durations.format(s)));
        return m;
    }

    private static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = map("name", d.name());
        documentation(m, d.documentation());
        m.put("classification", d.classification());
        if (d.deprecated()) {
            m.put("deprecated", true);
        }
        m.put("columns", d.schema().columns().stream().map(ModelWriter::column).toList());
        return m;
    }

    private static Map<String, Object> column(Column c) {
        Map<String, Object> m = map("name", c.name(), "type", c.type().toString());
        if (c.nullable()) {
            m.put("nullable", true);
        }
        if (c.primaryKey()) {
            m.put("key", true);
        }
        c.classification().ifPresent(v -> m.put("classification", v));
        return m;
    }

    private static Map<String, Object> workspace(Workspace w) {
        Map<String, Object> m = map("name", w.name());
        documentation(m, w.documentation());
        m.put("platform", w.platform());
        m.put("groups", w.groups().stream().map(ModelWriter::group).toList());
        return m;
    }

    private static Map<String, Object> group(DatasetGroup g) {
        return map("name", g.name(), "milestoning", g.milestoning().yamlName(),
                "sinks", g.sinks().stream().map(s -> map("datastore", s.datastore(), "dataset", s.dataset())).toList());
    }

    private static Map<String, Object> platform(DataPlatform platform) {
        KubernetesPGStarter p = (KubernetesPGStarter) platform;
        Map<String, Object> m = map("name", p.name(), "kind", p.kind());
        documentation(m, p.documentation());
        m.put("namespace", p.namespace());
        m.put("postgres", map("host", p.postgres().host(), "port", p.postgres().port(), "database", p.postgres().database(),
                "credential", credential(p.postgres().credential())));
        m.put("kafka", map("bootstrapServers", p.kafka().bootstrapServers()));
        m.put("kafkaConnect", map("name", p.kafkaConnect().name(), "credential", credential(p.kafkaConnect().credential())));
        m.put("airflow", map("name", p.airflow().name(), "credential", credential(p.airflow().credential())));
        m.put("mergeImage", p.mergeImage());
        m.put("git", map("credential", credential(p.gitCredential())));
        m.put("slack", map("channel", p.slack().channel(), "credential", credential(p.slack().credential())));
        m.put("mergeInterval", Durations.format(p.mergeInterval()));
        m.put("retention", map("archiveStagingRows", p.retention().archiveStagingRows(),
                "archiveRemovedTables", p.retention().archiveRemovedTables(),
                "unusedTableGracePeriod", Durations.format(p.retention().unusedTableGracePeriod())));
        return m;
    }

    private static Map<String, Object> vendor(InfrastructureVendor v) {
        return map("name", v.name(), "cloud", v.cloud(), "locations", locations(v.locations()));
    }

    private static List<Map<String, Object>> locations(List<InfrastructureLocation> locations) {
        return locations.stream().map(l -> map("name", l.name(), "locations", locations(l.locations()))).toList();
    }

    private static Map<String, Object> declaration(String name, Repository owner) {
        return map("name", name, "owner", repository(owner));
    }

    private static Map<String, Object> repository(Repository r) {
        return map("repo", r.url(), "branch", r.branch());
    }

    private static Map<String, Object> credential(Credential c) {
        return map("name", c.name(), "kind", c.kind().yamlName());
    }

    private static Map<String, Object> header(ModelKind kind, String name) {
        return map("apiVersion", ModelSchema.API_VERSION, "kind", kind.yamlName(), "name", name);
    }

    private static void documentation(Map<String, Object> m, Documentation documentation) {
        if (!documentation.text().isEmpty()) {
            m.put("documentation", documentation.text());
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        // AUTO writes mappings of plain values (columns, credentials, owners) on one line, as people write them.
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        // The loader refuses aliases (a reader should see every value where it applies), so never write any.
        options.setDereferenceAliases(true);
        return new Yaml(options);
    }
}
