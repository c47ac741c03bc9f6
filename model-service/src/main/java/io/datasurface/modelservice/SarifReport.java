package io.datasurface.modelservice;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.governance.Violation;
import io.datasurface.model.Repository;
import io.datasurface.model.SourceLocation;
import io.datasurface.modelservice.governance.ChangeCheckRunner;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lint problems and governance violations as one SARIF 2.1.0 log, the format code hosts (GitHub code scanning among them)
 * show inline on a pull request. Each result has its rule, a level, a message with the object path and how to fix it, and
 * the model file relative to the repository root, with line and column when known. The same input gives the same bytes:
 * no time, no absolute path of this machine when the model is in a git work tree, rules sorted by id.
 */
public final class SarifReport {
    /** The schema code hosts and editors resolve for SARIF 2.1.0. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where a result without a file of its own points: the model's root file, which the ecosystem's owner keeps. */
    static final String ROOT_FILE = "ecosystem.yaml";

    private static final Map<String, String> LINT_RULES = Map.ofEntries(
            Map.entry("name", "Names are legal and unique."),
            Map.entry("reference", "References to zones, teams, platforms, datastores, datasets and vendors resolve."),
            Map.entry("datastore", "Datastores have capture metadata and datasets."),
            Map.entry("primary-key", "Datasets have a primary key of non-null columns."),
            Map.entry("type", "Column types are well formed."),
            Map.entry("classification", "Datasets are consumed only where their zone's classification policy allows."),
            Map.entry("vendor", "Locations use vendors the zone's policy allows."),
            Map.entry("deprecated", "Deprecated datasets are still in use."),
            Map.entry("credential", "Credentials are of kinds the platform's credential store supports."),
            Map.entry("platform-support", "Capture kinds and column types are ones the platform can handle."),
            Map.entry("pg-names", "PostgreSQL names do not collide."),
            Map.entry("layout", "Model files are where the model layout puts them."),
            Map.entry("load", "Model files can be read as YAML."),
            Map.entry("schema", "Model files follow the DataSurface JSON Schema."));

    private static final Map<String, String> CHECK_RULES = Map.ofEntries(
            Map.entry("lint", "The proposed model lints without errors."),
            Map.entry("source", "The proposing repository owns something in the live model."),
            Map.entry("ownership", "Each part of the model changes only from the repository that owns it."),
            Map.entry("schema", "A dataset keeps a schema its consumers can follow."),
            Map.entry("in-use", "No dataset or datastore that a workspace uses is removed."),
            Map.entry("layout", "The model folder holds plain files only."));

    private SarifReport() {
    }

    /**
     * The lint of the model in {@code folder}; files are named relative to the root of the git work tree holding it (as
     * given, when it is in none).
     */
    public static String lint(Path folder, List<Problem> problems, String toolVersion) {
        String prefix = repositoryRelative(folder);
        List<Result> results = problems.stream()
                .map(p -> new Result(p.rule(), level(p.severity()), p.path() + ": " + p.message(),
                        p.location().map(l -> withFile(l, prefix + l.file())).orElse(SourceLocation.ofFile(prefix + ROOT_FILE)),
                        p.location().isPresent()))
                .toList();
        return write(toolVersion, results, LINT_RULES);
    }

    /** The answer of a change check; files are named relative to the repository root, under {@code modelPath} when given. */
    public static String check(ChangeCheckRunner.Result result, Optional<String> modelPath, String toolVersion) {
        String prefix = modelPath.map(SarifReport::folderPrefix).orElse("");
        List<Result> results = result.check().violations().stream()
                .map(v -> new Result(v.rule(), "error", message(v),
                        v.location().map(l -> withFile(l, prefix + l.file())).orElse(SourceLocation.ofFile(prefix + ROOT_FILE)),
                        v.location().isPresent()))
                .toList();
        return write(toolVersion, results, CHECK_RULES);
    }

    private static String message(Violation v) {
        return v.path() + ": " + v.change() + "; may be changed by: " + v.owner().map(Repository::toString).orElse("no repository")
                + (v.owner().isPresent() ? " (propose the change from there)" : "") + "; tried: " + v.tried();
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** One result before it is written; {@code region} false when the location is only the file. */
    private record Result(String ruleId, String level, String text, SourceLocation location, boolean region) {
        Result {
            requireNonNull(ruleId, "ruleId is null");
            requireNonNull(level, "level is null");
            requireNonNull(text, "text is null");
            requireNonNull(location, "location is null");
        }
    }

    private static String write(String toolVersion, List<Result> results, Map<String, String> descriptions) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        TreeMap<String, Integer> ruleIndex = new TreeMap<>();
        results.forEach(r -> ruleIndex.put(r.ruleId(), 0));
        int i = 0;
        for (Map.Entry<String, Integer> e : ruleIndex.entrySet()) {
            e.setValue(i++);
        }

        ObjectNode log = f.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "DataSurface");
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        for (String id : ruleIndex.keySet()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", id);
            rule.putObject("shortDescription").put("text", descriptions.getOrDefault(id, "DataSurface rule " + id + "."));
        }
        ArrayNode out = run.putArray("results");
        for (Result r : results) {
            ObjectNode result = out.addObject();
            result.put("ruleId", r.ruleId());
            result.put("ruleIndex", ruleIndex.get(r.ruleId()));
            result.put("level", r.level());
            result.putObject("message").put("text", r.text());
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(r.location().file()));
            if (r.region() && r.location().line() >= 1) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", r.location().line());
                if (r.location().column() >= 1) {
                    region.put("startColumn", r.location().column());
                }
            }
        }
        run.put("columnKind", "unicodeCodePoints");
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(log);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceLocation withFile(SourceLocation location, String file) {
        return new SourceLocation(file, location.line(), location.column());
    }

    /**
     * A relative path as a URI reference: slashes kept, anything else a URI cannot hold percent-encoded; an absolute path
     * (a model outside any git work tree) as a file URI.
     */
    static String uri(String path) {
        if (path.startsWith("/")) {
            return Path.of(path).toUri().toASCIIString();
        }
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name " + path + " as a URI: " + e.getMessage(), e);
        }
    }

    /** {@code model/} for {@code ./model/}, empty for the root. */
    static String folderPrefix(String folder) {
        String p = folder.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || p.equals(".") ? "" : p + "/";
    }

    /**
     * The folder relative to the root of the git work tree holding it, as a prefix; the folder as given when there is none
     * (absolute when given so).
     */
    static String repositoryRelative(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        for (Path dir = absolute; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return folderPrefix(dir.relativize(absolute).toString());
            }
        }
        return folder.isAbsolute() ? absolute.toString().replace('\\', '/') + "/" : folderPrefix(folder.normalize().toString());
    }
}
