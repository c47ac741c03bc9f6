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
import java.util.Collections;
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
        // Files parse, check and (team files) read independently, so they use every core; the rest runs in file order.
        List<ParsedFile> parsedFiles = files.files().entrySet().parallelStream()
                .map(file -> cache.parse(file.getKey(), file.getValue()))
                .toList();
        cache.retainOnly(files.files().keySet());
        List<String> syntaxErrors = parsedFiles.stream().filter(f -> f.syntaxError() != null).map(f -> f.syntaxError().getMessage()).toList();
        if (!syntaxErrors.isEmpty()) {
            throw new ModelLoadException("model files in " + files.origin() + " are not readable YAML:\n  " + String.join("\n  ", syntaxErrors));
        }

        List<Problem> problems = new ArrayList<>();
        ParsedFile ecosystemFile = parsedFiles.stream().filter(f -> f.file().equals(ModelLayout.ECOSYSTEM_FILE)).findFirst().orElseThrow();
        Map<String, ParsedFile> zoneFiles = new LinkedHashMap<>();
        Map<String, Map<String, ParsedFile>> teamFiles = new LinkedHashMap<>();
        problems.addAll(ecosystemFile.checkProblems());
        for (ParsedFile parsed : parsedFiles) {
            String file = parsed.file();
            Expected place = parsed.place();
            if (place == null) {
                problems.add(new Problem(Severity.WARNING, "layout", ObjectPath.ROOT, Optional.of(SourceLocation.ofFile(file)),
                        "this file is not part of the model and is ignored: move it to one of " + ModelLayout.DESCRIPTION + ", or remove it"));
                continue;
            }
            switch (place.kind()) {
                case ECOSYSTEM -> {
                    // Its check problems come first, added above.
                }
                case ZONE -> filePart(zoneFiles, place.name(), ModelPaths.zone(place.name()), parsed, problems);
                case TEAM -> filePart(teamFiles.computeIfAbsent(place.zone(), z -> new LinkedHashMap<>()), place.name(),
                        ModelPaths.team(place.zone(), place.name()), parsed, problems);
            }
        }
        for (String zone : teamFiles.keySet()) {
            if (!zoneFiles.containsKey(zone)) {
                problems.add(new Problem(Severity.ERROR, "layout", ObjectPath.of("zone", zone),
                        Optional.of(SourceLocation.ofFile(ModelLayout.zoneFolder(zone))),
                        "zone folder has teams but no zone.yaml: add " + ModelLayout.zoneFile(zone) + " defining the zone"));
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new LoadedModel(Optional.empty(), SourceMap.EMPTY, problems);
        }

        Map<ObjectPath, SourceLocation> sources = new HashMap<>();
        Map<ObjectPath, Map<ObjectPath, SourceLocation>> teamSources = new HashMap<>();
        EcosystemRead ecosystemRead = (EcosystemRead) ecosystemFile.read();
        ModelReader.EcosystemFile ecosystem = ecosystemRead.ecosystem();
        sources.putAll(ecosystemRead.sources());
        problems.addAll(ecosystemRead.problems());
        List<GovernanceZone> zones = new ArrayList<>();
        for (String zoneName : order(zoneFiles.keySet(), ecosystem.zoneDeclarations().stream().map(ZoneDeclaration::name).toList())) {
            ZoneRead zoneRead = (ZoneRead) zoneFiles.get(zoneName).read();
            ModelReader.ZoneFile zoneFile = zoneRead.zone();
            sources.putAll(zoneRead.sources());
            problems.addAll(zoneRead.problems());
            Map<String, ParsedFile> teamsOfZone = teamFiles.getOrDefault(zoneName, Map.of());
            List<Team> teams = new ArrayList<>();
            for (String teamName : order(teamsOfZone.keySet(), zoneFile.teamDeclarations().stream().map(TeamDeclaration::name).toList())) {
                TeamRead read = teamsOfZone.get(teamName).team();
                teams.add(read.team());
                teamSources.put(ModelPaths.team(zoneName, read.team().name()), read.sources());
                problems.addAll(read.problems());
            }
            zones.add(new GovernanceZone(zoneFile.name(), zoneFile.documentation(), zoneFile.policies(), zoneFile.teamDeclarations(), teams));
        }
        SourceMap sourceMap = SourceMap.of(sources, teamSources);
        if (problems.stream().anyMatch(Problem::isError)) {
            return new LoadedModel(Optional.empty(), sourceMap, problems);
        }
        return new LoadedModel(Optional.of(new Ecosystem(ecosystem.name(), ecosystem.owner(), ecosystem.documentation(), ecosystem.vendors(),
                ecosystem.platforms(), ecosystem.zoneDeclarations(), zones)), sourceMap, problems);
    }

    /**
     * One part, one file: with two (sales.yaml and sales.yml), one would silently shadow the other, and a
     * repository that does not own the part could freeze it by adding the copy.
     */
    private static Problem twoFiles(ObjectPath part, String first, String second) {
        return new Problem(Severity.ERROR, "layout", part, Optional.of(SourceLocation.ofFile(second)),
                "two files define this part: " + first + " and " + second + "; a part has exactly one file: remove one");
    }

    /** Files a part's one file under its name, with its check problems; a second file of the part is a problem. */
    private static void filePart(Map<String, ParsedFile> files, String name, ObjectPath part, ParsedFile parsed, List<Problem> problems) {
        ParsedFile other = files.putIfAbsent(name, parsed);
        if (other != null) {
            problems.add(twoFiles(part, other.file(), parsed.file()));
        } else {
            problems.addAll(parsed.checkProblems());
        }
    }

    /**
     * What a file's place in the layout asks of it: its kind and, for a zone or team file, its name and the zone it lies
     * in; nothing (null) outside the layout.
     */
    record Expected(ModelKind kind, String name, String zone) {
        static Expected of(String file) {
            if (file.equals(ModelLayout.ECOSYSTEM_FILE)) {
                return new Expected(ModelKind.ECOSYSTEM, null, null);
            }
            Matcher zone = ModelLayout.ZONE_FILE.matcher(file);
            if (zone.matches()) {
                return new Expected(ModelKind.ZONE, zone.group(1), zone.group(1));
            }
            Matcher team = ModelLayout.TEAM_FILE.matcher(file);
            return team.matches() ? new Expected(ModelKind.TEAM, team.group(2), team.group(1)) : null;
        }
    }

    /** The file's problems against the schema, or else whether its kind fits where it lies and its name matches its file name. */
    private static List<Problem> checkFile(YamlDocument document, Expected expected) {
        List<Problem> schemaProblems = ModelSchema.validate(document);
        if (!schemaProblems.isEmpty()) {
            return schemaProblems;
        }
        String kind = document.root().path("kind").asText();
        if (!kind.equals(expected.kind().yamlName())) {
            return List.of(new Problem(Severity.ERROR, "layout", ObjectPath.ROOT, Optional.of(document.locate("/kind")),
                    "a file at " + document.file() + " must have kind " + expected.kind().yamlName() + ", not " + kind + ": move it to where " + kind
                            + " files belong"));
        }
        String name = document.root().path("name").asText();
        if (expected.name() != null && !name.equals(expected.name())) {
            return List.of(new Problem(Severity.ERROR, "layout", ObjectPath.ROOT, Optional.of(document.locate("/name")),
                    kind + " '" + name + "' is in a file named for '" + expected.name() + "': rename the file or the "
                            + kind.toLowerCase(java.util.Locale.ENGLISH) + " so that they match"));
        }
        return List.of();
    }

    /** What a file without check problems was read into: its part of the model, where each object is defined, and what could not be read. */
    sealed interface FileRead permits TeamRead, ZoneRead, EcosystemRead {
        Map<ObjectPath, SourceLocation> sources();

        List<Problem> problems();
    }

    /** A team file read. */
    record TeamRead(Team team, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) implements FileRead {
    }

    /** A zone file read. */
    record ZoneRead(ModelReader.ZoneFile zone, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) implements FileRead {
    }

    /** The ecosystem file read. */
    record EcosystemRead(ModelReader.EcosystemFile ecosystem, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) implements FileRead {
    }

    /**
     * A file parsed, checked against the schema and the layout and, where it passed, read; or the reason it is not YAML.
     * Files are read at once, beside the other files, and keep only what was read: a large model's team files are almost
     * all of its text, and their JSON trees would otherwise stay alive (and be copied by the collector) until the whole
     * model is read. Whether what was read is used at all is decided once every file is checked.
     */
    record ParsedFile(String file, Expected place, List<Problem> checkProblems, FileRead read, YamlSyntaxException syntaxError) {
        /** A file of the layout without problems is read from the parser's events; every other file, and any problem, by its tree. */
        static ParsedFile parse(String file, String text) {
            Expected place = Expected.of(file);
            if (place != null) {
                Optional<? extends FileRead> read = switch (place.kind()) {
                    case TEAM -> TeamFileReader.read(file, text, place.zone(), place.name());
                    case ZONE -> ZoneFileReader.read(file, text, place.name());
                    case ECOSYSTEM -> EcosystemFileReader.read(file, text);
                };
                if (read.isPresent()) {
                    return new ParsedFile(file, place, List.of(), read.get(), null);
                }
            }
            return parseTree(file, place, text);
        }

        /**
         * The file at {@code place} in the layout (null outside it) through its JSON tree: the schema's check, the
         * layout's and the tree's reader, with their messages.
         */
        static ParsedFile parseTree(String file, Expected place, String text) {
            YamlDocument document;
            try {
                document = YamlDocument.parse(file, text);
            } catch (YamlSyntaxException e) {
                return new ParsedFile(file, place, List.of(), null, e);
            }
            if (place == null) {
                return new ParsedFile(file, null, List.of(), null, null);
            }
            List<Problem> checkProblems = checkFile(document, place);
            if (!checkProblems.isEmpty()) {
                return new ParsedFile(file, place, checkProblems, null, null);
            }
            // Kept in the order the reader finds them, so that the loader can add them to the model's in that order.
            Map<ObjectPath, SourceLocation> sources = new LinkedHashMap<>();
            List<Problem> problems = new ArrayList<>();
            ModelReader reader = new ModelReader(document, sources, problems);
            FileRead read = switch (place.kind()) {
                case TEAM -> new TeamRead(reader.team(place.zone()), Collections.unmodifiableMap(sources), List.copyOf(problems));
                case ZONE -> new ZoneRead(reader.zone(), Collections.unmodifiableMap(sources), List.copyOf(problems));
                case ECOSYSTEM -> new EcosystemRead(reader.ecosystem(), Collections.unmodifiableMap(sources), List.copyOf(problems));
            };
            return new ParsedFile(file, place, List.of(), read, null);
        }

        TeamRead team() {
            return (TeamRead) read;
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
