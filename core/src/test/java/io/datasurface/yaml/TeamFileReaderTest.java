package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.testfixtures.Examples;
import java.io.IOException;
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
 * The event reader of team files against the tree path it stands in for: on every file the tree path reads without a
 * problem, the same team and the same source locations; on every file it has any problem with (YAML, schema, layout,
 * a column type, a duration), nothing, so that the tree path reports it.
 */
class TeamFileReaderTest {
    private static final Pattern ENTRY = Pattern.compile("(\\w+): ([^,{}\\n]+)");
    private static final List<String> VALUES = List.of("\"\"", "~", "42", "4.5", "true", "[x]", "{a: b}", "\"5m\"", "5x", "*a", "x\n---\ny: z");

    @Test
    void everyExampleTeamFileWithoutProblemsIsReadByEventsAsByItsTree() throws IOException {
        List<Path> files = exampleTeamFiles();
        int read = 0;
        for (Path path : files) {
            String file = relative(path);
            String text = Files.readString(path);
            if (clean(ModelLoader.ParsedFile.parseTree(file, text))) {
                assertSameOutcome(file, text);
                read++;
            }
        }
        assertThat(read).as("example team files without problems").isGreaterThan(20);
    }

    @Test
    void everyEditOfATeamFileIsReadByEventsOnlyWhereTheTreeFindsNoProblem() throws IOException {
        int clean = 0;
        int edits = 0;
        for (String name : List.of("acme/zones/USA/teams/sales.yaml", "acme/zones/EU/teams/analytics.yaml",
                "invalid/unsupported-capture/zones/North/teams/producers.yaml")) {
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
        assertThat(edits).isGreaterThan(1000);
        assertThat(clean).isGreaterThan(100).isLessThan(edits - 500);
    }

    @Test
    void aTeamFileNamedForAnotherTeamIsLeftToTheTreePath() throws IOException {
        Path path = Examples.acme().resolve("zones/USA/teams/sales.yaml");
        String text = Files.readString(path);

        assertThat(TeamFileReader.read("zones/USA/teams/sales.yaml", text, "USA", "sales")).isPresent();
        assertThat(TeamFileReader.read("zones/USA/teams/marketing.yaml", text, "USA", "marketing")).isEmpty();
    }

    /**
     * Compares the two paths on one text; true when the tree path found no problem. The event reader may only read a
     * file the tree path reads cleanly, and then exactly as the tree path does.
     */
    private static boolean assertSameOutcome(String file, String text) {
        ModelLoader.ParsedFile tree = ModelLoader.ParsedFile.parseTree(file, text);
        Matcher names = Pattern.compile("zones/([^/]+)/teams/([^/]+)\\.yaml").matcher(file);
        assertThat(names.matches()).isTrue();
        Optional<ModelLoader.TeamRead> events = TeamFileReader.read(file, text, names.group(1), names.group(2));
        if (!clean(tree)) {
            assertThat(events).as("read by events though the tree path finds problems in:\n%s", text).isEmpty();
            return false;
        }
        assertThat(events).as("not read by events though the tree path finds no problem in:\n%s", text).isPresent();
        assertThat(events.get().team()).isEqualTo(tree.team().team());
        assertThat(events.get().sources()).isEqualTo(tree.team().sources());
        assertThat(events.get().problems()).isEmpty();
        return true;
    }

    private static boolean clean(ModelLoader.ParsedFile tree) {
        return tree.syntaxError() == null && tree.checkProblems().isEmpty() && tree.team() != null && tree.team().problems().isEmpty();
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

    private static List<Path> exampleTeamFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Examples.root())) {
            return walk.filter(p -> p.toString().endsWith(".yaml") && p.getParent().getFileName().toString().equals("teams")).sorted().toList();
        }
    }

    /** The file's path in its model: from its zones/ folder on. */
    private static String relative(Path path) {
        String text = path.toString().replace('\\', '/');
        return text.substring(text.lastIndexOf("zones/"));
    }
}
