package io.datasurface.yaml;

import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.SourceMap;
import io.datasurface.model.Team;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.ZoneDeclaration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Loads a model laid out by ownership:
 *
 * <pre>
 * ecosystem.yaml                   kind: Ecosystem
 * zones/&lt;zone&gt;/zone.yaml           kind: GovernanceZone
 * zones/&lt;zone&gt;/teams/&lt;team&gt;.yaml   kind: Team
 * </pre>
 *
 * Every file is checked against the JSON Schema before it is read; all problems of all files are
 * reported together.
 */
public final class ModelLoader {

    private ModelLoader() {
    }

    public static LoadedModel load(Path folder) throws ModelLoadException {
        return load(ModelFiles.fromDirectory(folder));
    }

    /**
     * @throws ModelLoadException when there is no ecosystem.yaml or a file is not readable YAML
     */
    public static LoadedModel load(ModelFiles files) throws ModelLoadException {
        return load(files, ParsedFileCache.none());
    }

    /**
     * Loads a model reusing the parsed files of earlier loads through the same cache: a file whose text did not change
     * is not parsed or schema-checked again (model-service loads every commit of a live branch this way).
     *
     * @throws ModelLoadException when there is no ecosystem.yaml or a file is not readable YAML
     */
    public static LoadedModel load(ModelFiles files, ParsedFileCache cache) throws ModelLoadException {
        if (!files.files().containsKey(ModelLayout.ECOSYSTEM_FILE)) {
            throw new ModelLoadException("no " + ModelLayout.ECOSYSTEM_FILE + " in " + files.origin()
                    + ": a model folder holds " + ModelLayout.DESCRIPTION);
        }
        // Files parse and check independently, so they use every core; the rest runs in file order.
        List<ParsedFile> parsedFiles = files.files().entrySet().parallelStream()
                .map(file -> cache.parse(file.getKey(), file.getValue()))
                .toList();
        cache.retainOnly(files.files().keySet());
        List<String> syntaxErrors = parsedFiles.stream().filter(f -> f.syntaxError() != null).map(f -> f.syntaxError().getMessage()).toList();
        if (!syntaxErrors.isEmpty()) {
            throw new ModelLoadException("model files in " + files.origin() + " are not readable YAML:\n  " + String.join("\n  ", syntaxErrors));
        }
        Map<String, YamlDocument> documents = new LinkedHashMap<>();
        Map<String, List<Problem>> schemaProblems = new HashMap<>();
        for (ParsedFile parsed : parsedFiles) {
            documents.put(parsed.document().file(), parsed.document());
            schemaProblems.put(parsed.document().file(), parsed.schemaProblems());
        }

        List<Problem> problems = new ArrayList<>();
        YamlDocument ecosystemDocument = documents.get(ModelLayout.ECOSYSTEM_FILE);
        Map<String, YamlDocument> zoneDocuments = new LinkedHashMap<>();
        Map<String, Map<String, YamlDocument>> teamDocuments = new LinkedHashMap<>();
        checkFile(ecosystemDocument, schemaProblems, "Ecosystem", null, problems);
        for (Map.Entry<String, YamlDocument> entry : documents.entrySet()) {
            String file = entry.getKey();
            Matcher zone = ModelLayout.ZONE_FILE.matcher(file);
            Matcher team = ModelLayout.TEAM_FILE.matcher(file);
            if (file.equals(ModelLayout.ECOSYSTEM_FILE)) {
                continue;
            } else if (zone.matches()) {
                YamlDocument other = zoneDocuments.putIfAbsent(zone.group(1), entry.getValue());
                if (other != null) {
                    problems.add(twoFiles(ModelPaths.zone(zone.group(1)), other.file(), file));
                    continue;
                }
                checkFile(entry.getValue(), schemaProblems, "GovernanceZone", zone.group(1), problems);
            } else if (team.matches()) {
                YamlDocument other = teamDocuments.computeIfAbsent(team.group(1), z -> new LinkedHashMap<>()).putIfAbsent(team.group(2), entry.getValue());
                if (other != null) {
                    problems.add(twoFiles(ModelPaths.team(team.group(1), team.group(2)), other.file(), file));
                    continue;
                }
                checkFile(entry.getValue(), schemaProblems, "Team", team.group(2), problems);
            } else {
                problems.add(new Problem(Severity.WARNING, "layout", ObjectPath.ROOT, Optional.of(SourceLocation.ofFile(file)),
                        "this file is not part of the model and is ignored: move it to one of " + ModelLayout.DESCRIPTION + ", or remove it"));
            }
        }
        for (String zone : teamDocuments.keySet()) {
            if (!zoneDocuments.containsKey(zone)) {
                problems.add(new Problem(Severity.ERROR, "layout", ObjectPath.of("zone", zone),
                        Optional.of(SourceLocation.ofFile(ModelLayout.zoneFolder(zone))),
                        "zone folder has teams but no zone.yaml: add " + ModelLayout.zoneFile(zone) + " defining the zone"));
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new LoadedModel(Optional.empty(), SourceMap.EMPTY, problems);
        }

        Map<ObjectPath, SourceLocation> sources = new HashMap<>();
        ModelReader.EcosystemFile ecosystemFile = new ModelReader(ecosystemDocument, sources, problems).ecosystem();
        List<GovernanceZone> zones = new ArrayList<>();
        for (String zoneName : order(zoneDocuments.keySet(), ecosystemFile.zoneDeclarations().stream().map(ZoneDeclaration::name).toList())) {
            ModelReader.ZoneFile zoneFile = new ModelReader(zoneDocuments.get(zoneName), sources, problems).zone();
            Map<String, YamlDocument> teamFiles = teamDocuments.getOrDefault(zoneName, Map.of());
            List<Team> teams = new ArrayList<>();
            for (String teamName : order(teamFiles.keySet(), zoneFile.teamDeclarations().stream().map(TeamDeclaration::name).toList())) {
                teams.add(cache.team(teamFiles.get(teamName), zoneName, sources, problems));
            }
            zones.add(new GovernanceZone(zoneFile.name(), zoneFile.documentation(), zoneFile.policies(), zoneFile.teamDeclarations(), teams));
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new LoadedModel(Optional.empty(), new SourceMap(sources), problems);
        }
        Ecosystem ecosystem = new Ecosystem(ecosystemFile.name(), ecosystemFile.owner(), ecosystemFile.documentation(),
                ecosystemFile.vendors(), ecosystemFile.platforms(), ecosystemFile.zoneDeclarations(), zones);
        return new LoadedModel(Optional.of(ecosystem), new SourceMap(sources), problems);
    }

    /**
     * One part, one file: with two (sales.yaml and sales.yml), one would silently shadow the other, and a
     * repository that does not own the part could freeze it by adding the copy.
     */
    private static Problem twoFiles(ObjectPath part, String first, String second) {
        return new Problem(Severity.ERROR, "layout", part, Optional.of(SourceLocation.ofFile(second)),
                "two files define this part: " + first + " and " + second + "; a part has exactly one file: remove one");
    }

    /** Checks a file against the schema, that its kind fits where it lies, and that its name matches its file name. */
    private static void checkFile(YamlDocument document, Map<String, List<Problem>> schemaProblems, String expectedKind, String expectedName,
            List<Problem> problems) {
        List<Problem> fileSchemaProblems = schemaProblems.get(document.file());
        problems.addAll(fileSchemaProblems);
        if (!fileSchemaProblems.isEmpty()) {
            return;
        }
        String kind = document.root().path("kind").asText();
        if (!kind.equals(expectedKind)) {
            problems.add(new Problem(Severity.ERROR, "layout", ObjectPath.ROOT, Optional.of(document.locate("/kind")),
                    "a file at " + document.file() + " must have kind " + expectedKind + ", not " + kind + ": move it to where " + kind + " files belong"));
            return;
        }
        String name = document.root().path("name").asText();
        if (expectedName != null && !name.equals(expectedName)) {
            problems.add(new Problem(Severity.ERROR, "layout", ObjectPath.ROOT, Optional.of(document.locate("/name")),
                    kind + " '" + name + "' is in a file named for '" + expectedName + "': rename the file or the " + kind.toLowerCase(java.util.Locale.ENGLISH)
                            + " so that they match"));
        }
    }

    /** A file parsed and checked against the schema, or the reason it is not YAML. */
    record ParsedFile(YamlDocument document, List<Problem> schemaProblems, YamlSyntaxException syntaxError) {
        static ParsedFile parse(String file, String text) {
            try {
                YamlDocument document = YamlDocument.parse(file, text);
                return new ParsedFile(document, ModelSchema.validate(document), null);
            } catch (YamlSyntaxException e) {
                return new ParsedFile(null, List.of(), e);
            }
        }
    }

    /** Declared names first, in declaration order, then the undeclared ones in file order. */
    private static List<String> order(java.util.Collection<String> defined, List<String> declared) {
        List<String> ordered = new ArrayList<>();
        for (String name : declared) {
            if (defined.contains(name) && !ordered.contains(name)) {
                ordered.add(name);
            }
        }
        for (String name : defined) {
            if (!ordered.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }
}
