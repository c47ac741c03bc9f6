package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.testfixtures.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event readers of model files against the tree path they stand in for: on every file the tree path reads without
 * a problem, the same records and the same source locations; on every file it has any problem with (YAML, schema,
 * layout, a column type, a duration), nothing, so that the tree path reports it.
 */
class ModelEventReaderTest {
    private static final Pattern ENTRY = Pattern.compile("(\\w+): ([^,{}\\n]+)");
    private static final List<String> VALUES = List.of("\"\"", "~", "0", "42", "70000", "4.5", "true", "[x]", "{a: b}", "\"5m\"", "5x", "*a", "x\n---\ny: z");
    private static final Pattern ZONE_FILE = Pattern.compile("zones/([^/]+)/zone\\.yaml");
    private static final Pattern TEAM_FILE = Pattern.compile("zones/([^/]+)/teams/([^/]+)\\.yaml");

    @Test
    void everyExampleFileWithoutProblemsIsReadByEventsAsByItsTree() throws IOException {
        int read = 0;
        for (Path path : exampleFiles()) {
            String file = relative(path);
            String text = Files.readString(path);
            if (assertSameOutcome(file, text)) {
                read++;
            }
        }
        assertThat(read).as("example files without problems").isGreaterThan(60);
    }

    @Test
    void everyEditOfATeamFileIsReadByEventsOnlyWhereTheTreeFindsNoProblem() throws IOException {
        assertEditsAgree(List.of("acme/zones/USA/teams/sales.yaml", "acme/zones/EU/teams/analytics.yaml",
                "invalid/unsupported-capture/zones/North/teams/producers.yaml"), 1000);
    }

    @Test
    void everyEditOfAnEcosystemOrZoneFileIsReadByEventsOnlyWhereTheTreeFindsNoProblem() throws IOException {
        assertEditsAgree(List.of("acme/ecosystem.yaml", "acme/zones/USA/zone.yaml", "acme/zones/EU/zone.yaml"), 1000);
    }

    @Test
    void aFileNamedForAnotherPartIsLeftToTheTreePath() throws IOException {
        String team = Files.readString(Examples.acme().resolve("zones/USA/teams/sales.yaml"));
        String zone = Files.readString(Examples.acme().resolve("zones/USA/zone.yaml"));

        assertThat(TeamFileReader.read("zones/USA/teams/sales.yaml", team, "USA", "sales")).isPresent();
        assertThat(TeamFileReader.read("zones/USA/teams/marketing.yaml", team, "USA", "marketing")).isEmpty();
        assertThat(ZoneFileReader.read("zones/USA/zone.yaml", zone, "USA")).isPresent();
        assertThat(ZoneFileReader.read("zones/EU/zone.yaml", zone, "EU")).isEmpty();
    }

    @Test
    void theEnumerationsTheReadersKnowAreTheSchemas() throws IOException {
        JsonNode schema;
        try (InputStream in = ModelSchema.class.getResourceAsStream(ModelSchema.RESOURCE)) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> clouds = new ArrayList<>();
        schema.at("/$defs/vendor/properties/cloud/enum").forEach(value -> clouds.add(value.asText()));

        List<String> kinds = new ArrayList<>();
        schema.at("/properties/kind/enum").forEach(value -> kinds.add(value.asText()));

        assertThat(EcosystemFileReader.CLOUDS).isEqualTo(clouds);
        assertThat(Stream.of(ModelKind.values()).map(ModelKind::yamlName).toList()).isEqualTo(kinds);
    }

    private static void assertEditsAgree(List<String> names, int atLeast) throws IOException {
        int clean = 0;
        int edits = 0;
        for (String name : names) {
            Path path = Examples.root().resolve(name);
            String file = relative(path);
            for (String edited : edits(Files.readString(path))) {
                edits++;
                if (assertSameOutcome(file, edited)) {
                    clean++;
                }
            }
        }
        // Both outcomes must occur often, or the comparison proves little.
        assertThat(edits).isGreaterThan(atLeast);
        assertThat(clean).isGreaterThan(edits / 20).isLessThan(edits / 2);
    }

    /**
     * Compares the two paths on one text; true when the tree path found no problem. The event reader may only read a
     * file the tree path reads cleanly, and then exactly as the tree path does.
     */
    private static boolean assertSameOutcome(String file, String text) {
        ModelLoader.ParsedFile tree = ModelLoader.ParsedFile.parseTree(file, ModelLoader.Expected.of(file), text);
        Optional<? extends ModelLoader.FileRead> events = eventRead(file, text);
        boolean clean = tree.syntaxError() == null && tree.checkProblems().isEmpty() && tree.read() != null && tree.read().problems().isEmpty();
        if (!clean) {
            assertThat(events).as("%s read by events though the tree path finds problems in:\n%s", file, text).isEmpty();
            return false;
        }
        assertThat(events).as("%s not read by events though the tree path finds no problem in:\n%s", file, text).isPresent();
        assertThat(events.get()).isEqualTo(tree.read());
        return true;
    }

    private static Optional<? extends ModelLoader.FileRead> eventRead(String file, String text) {
        Matcher team = TEAM_FILE.matcher(file);
        if (team.matches()) {
            return TeamFileReader.read(file, text, team.group(1), team.group(2));
        }
        Matcher zone = ZONE_FILE.matcher(file);
        if (zone.matches()) {
            return ZoneFileReader.read(file, text, zone.group(1));
        }
        assertThat(file).isEqualTo(ModelLayout.ECOSYSTEM_FILE);
        return EcosystemFileReader.read(file, text);
    }

    /** The text with each line removed, each line doubled, each key misspelt, and each value replaced by each of VALUES. */
    private static List<String> edits(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> edits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> removed = new ArrayList<>(lines);
            removed.remove(i);
            edits.add(String.join("\n", removed));
            List<String> doubled = new ArrayList<>(lines);
            doubled.add(i, lines.get(i));
            edits.add(String.join("\n", doubled));
            Matcher entry = ENTRY.matcher(lines.get(i));
            while (entry.find()) {
                edits.add(replaceLine(lines, i, entry.start(1), entry.end(1), entry.group(1) + "_"));
                for (String value : VALUES) {
                    edits.add(replaceLine(lines, i, entry.start(2), entry.end(2), value));
                }
            }
        }
        return edits;
    }

    private static String replaceLine(List<String> lines, int i, int start, int end, String replacement) {
        List<String> edited = new ArrayList<>(lines);
        String line = lines.get(i);
        edited.set(i, line.substring(0, start) + replacement + line.substring(end));
        return String.join("\n", edited);
    }

    /** Every ecosystem, zone and team file of the examples. */
    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Examples.root())) {
            return walk.filter(p -> {
                String file = p.toString().replace('\\', '/');
                return file.endsWith("/" + ModelLayout.ECOSYSTEM_FILE) || ZONE_FILE.matcher(relativeOrEmpty(file)).matches()
                        || TEAM_FILE.matcher(relativeOrEmpty(file)).matches();
            }).sorted().toList();
        }
    }

    /** The file's path in its model: from its zones/ folder on, or the ecosystem file's name. */
    private static String relative(Path path) {
        String file = path.toString().replace('\\', '/');
        return file.endsWith("/" + ModelLayout.ECOSYSTEM_FILE) ? ModelLayout.ECOSYSTEM_FILE : relativeOrEmpty(file);
    }

    private static String relativeOrEmpty(String file) {
        int zones = file.lastIndexOf("zones/");
        return zones < 0 ? "" : file.substring(zones);
    }
}
