package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.testfixtures.Examples;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The model-file scanner against SnakeYAML: wherever the scanner accepts a text, SnakeYAML parses it without an error
 * into the same events (kinds, values, styles, implicit tags, anchors, tags, and the line and column where each
 * scalar and collection starts).
 */
class ModelYamlScannerTest {
    /** What edits insert: YAML's indicators, spaces, line breaks, and characters the scanner refuses. */
    private static final List<String> INSERTS = List.of(" ", "  ", "\n", "\n  ", "- ", "-", ":", ": ", "#", " #", "'", "''", "\"", "\\", "{", "}",
            "[", "]", ",", ", ", "&a ", "*a", "!", "!!str ", "|", ">", "?", "%", "@", "`", "---", "...", "\t", "\r", "x", "0", "é", "\u2028",
            "\uFEFF", "key: ", "k: v", "\n- ", "\nk:", "\n  k: v", "~");

    @Test
    void everyFileTheModelWriterWritesForTheExampleIsScannedAsSnakeYamlParsesIt(@TempDir Path folder) throws Exception {
        Ecosystem acme = Models.loadAndLint(Examples.acme()).requireValid();
        ModelWriter.write(acme, folder);

        List<Path> written = yamlFiles(folder);
        assertThat(written).hasSizeGreaterThan(5);
        for (Path path : written) {
            String text = Files.readString(path);
            assertThat(ModelYamlScanner.events(text)).as(path.toString()).isPresent();
            assertAgreesWithSnakeYaml(text);
        }
    }

    @Test
    void everyExampleFileIsScannedAsSnakeYamlParsesIt() throws IOException {
        List<Path> examples = yamlFiles(Examples.root());
        assertThat(examples).hasSizeGreaterThan(100);
        for (Path path : examples) {
            assertThat(assertAgreesWithSnakeYaml(Files.readString(path))).as(path.toString()).isTrue();
        }
    }

    @Test
    void aFlowCollectionGoingOnToTheNextLineAfterABracketOrACommaIsScannedAsSnakeYamlParsesIt() {
        List<String> texts = List.of("a: {b: c,\n  d: e}\n", "a: [b,\n\n  # note\n     c]\n", "a:\n- {b: c,  # note\n d: [e,\n  f]}\n",
                "a: {\n  b: c}\n");
        for (String text : texts) {
            assertThat(assertAgreesWithSnakeYaml(text)).as(text).isTrue();
        }
    }

    @Test
    void textsOutsideThePartOfYamlModelFilesUseAreLeftToSnakeYaml() {
        List<String> texts = List.of(
                "a: b\n  c\n",                     // a plain scalar continued on the next line
                "a: b\n\n    # note\n   c\n",      // ... after a blank line and a comment
                "a:\n",                            // an empty value
                "a: &x b\nc: *x\n",                // an anchor and an alias
                "a: !!str 5\n",                    // a tag
                "a: |\n  text\n",                  // a block scalar
                "a: {b: c\n  , d: e}\n",           // a flow mapping's line ending after a value
                "a: [b,\n...]\n",                  // a document marker in a flow sequence
                "a: 'b\n  c'\n",                   // a quoted scalar over two lines
                "a: \"b\\tc\"\n",                  // an escape
                "'a': b\n",                        // a quoted key
                "a:\tb\n",                         // a tab
                "a: b\r\nc: d\r\n",                // carriage returns
                "---\na: b\n",                     // a document marker
                "a: b\n  c: d\n",                  // a key deeper than its mapping
                "a:\n  - b\n  c: d\n",             // a key after a deeper sequence
                "a: b: c\n",                       // a colon and a space in a plain scalar
                "- a\nb: c\n",                     // a key after a root sequence
                "a: [b, ]\n",                      // a trailing comma
                "a: -1\n",                         // an indicator first
                "  a: b\n",                        // an indented root
                "k".repeat(1025) + ": v\n",         // a key longer than SnakeYAML reads
                "a: {" + "k".repeat(1025) + ": v}\n",
                "");
        for (String text : texts) {
            assertThat(ModelYamlScanner.events(text)).as(text).isEmpty();
        }
    }

    @Test
    void aFileOverSnakeYamlsSizeLimitIsLeftToSnakeYamlWhichRefusesIt() {
        String text = columns(new LoaderOptions().getCodePointLimit() + 100);

        assertThat(ModelYamlScanner.events(text)).isEmpty();
        assertThatThrownBy(() -> new Yaml(new SafeConstructor(new LoaderOptions())).parse(new StringReader(text)).forEach(event -> { }))
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void aFileJustUnderSnakeYamlsSizeLimitIsScanned() {
        String text = columns(new LoaderOptions().getCodePointLimit() - 100);

        assertThat(assertAgreesWithSnakeYaml(text)).isTrue();
    }

    /** A mapping with a list of columns, as long as the longest such text of at most {@code length} characters. */
    private static String columns(int length) {
        String column = "- {name: a_column_name, type: bigint}\n";
        StringBuilder text = new StringBuilder("apiVersion: datasurface/v1\ncolumns:\n");
        while (text.length() + column.length() <= length) {
            text.append(column);
        }
        return text.toString();
    }

    @Test
    void randomEditsOfExampleFilesAreScannedAsSnakeYamlParsesThemOrLeftToIt() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String file : List.of("acme/ecosystem.yaml", "acme/zones/USA/zone.yaml", "acme/zones/USA/teams/sales.yaml",
                "acme/zones/EU/teams/analytics.yaml", "minimal/zones/North/zone.yaml")) {
            seeds.add(Files.readString(Examples.root().resolve(file)));
        }
        Random random = new Random(Long.getLong("scanner.seed", 20261130));
        int scanned = 0;
        int leftToSnakeYaml = 0;
        for (int i = 0; i < Integer.getInteger("scanner.edits", 30_000); i++) {
            String text = seeds.get(random.nextInt(seeds.size()));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                text = edit(text, random);
            }
            if (assertAgreesWithSnakeYaml(text)) {
                scanned++;
            } else {
                leftToSnakeYaml++;
            }
        }
        // Both outcomes must be common, or the edits prove nothing about one of them.
        assertThat(scanned).isGreaterThan(3_000);
        assertThat(leftToSnakeYaml).isGreaterThan(3_000);
    }

    /** One edit: a fragment inserted, a character or a line removed, a line doubled, or a line's indentation moved. */
    private static String edit(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int lineEnd = text.indexOf('\n', at);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        switch (random.nextInt(6)) {
            case 0, 1:
                return text.substring(0, at) + INSERTS.get(random.nextInt(INSERTS.size())) + text.substring(at);
            case 2:
                return at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            case 3:
                return text.substring(0, lineStart) + text.substring(Math.min(text.length(), lineEnd + 1));
            case 4:
                return text.substring(0, lineEnd) + "\n" + text.substring(lineStart, lineEnd) + text.substring(lineEnd);
            default:
                if (random.nextBoolean()) {
                    return text.substring(0, lineStart) + " " + text.substring(lineStart);
                }
                return text.startsWith(" ", lineStart) ? text.substring(0, lineStart) + text.substring(lineStart + 1) : text;
        }
    }

    /** Asserts the scanner's events are SnakeYAML's where it accepts the text; returns whether it did. */
    private static boolean assertAgreesWithSnakeYaml(String text) {
        Optional<List<Event>> scanned = ModelYamlScanner.events(text);
        if (scanned.isEmpty()) {
            return false;
        }
        List<String> expected = new ArrayList<>();
        try {
            for (Event event : new Yaml(new SafeConstructor(new LoaderOptions())).parse(new StringReader(text))) {
                expected.add(describe(event));
            }
        } catch (RuntimeException yamlError) {
            throw new AssertionError("the scanner accepted a text SnakeYAML rejects (" + yamlError.getMessage() + "):\n" + text, yamlError);
        }
        assertThat(scanned.get().stream().map(ModelYamlScannerTest::describe).toList()).as(text).isEqualTo(expected);
        return true;
    }

    private static String describe(Event event) {
        String mark = " @" + event.getStartMark().getLine() + ":" + event.getStartMark().getColumn();
        if (event instanceof ScalarEvent scalar) {
            return "scalar " + scalar.getScalarStyle() + " " + scalar.getImplicit().canOmitTagInPlainScalar() + "/"
                    + scalar.getImplicit().canOmitTagInNonPlainScalar() + " anchor " + scalar.getAnchor() + " tag " + scalar.getTag() + " ["
                    + scalar.getValue() + "]" + mark;
        }
        if (event instanceof CollectionStartEvent start) {
            return event.getEventId() + " " + start.getFlowStyle() + " implicit " + start.getImplicit() + " anchor " + start.getAnchor() + " tag "
                    + start.getTag() + mark;
        }
        if (event instanceof DocumentStartEvent document) {
            return event.getEventId() + " explicit " + document.getExplicit();
        }
        return event.getEventId().toString();
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
