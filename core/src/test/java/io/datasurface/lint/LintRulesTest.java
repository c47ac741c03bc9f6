package io.datasurface.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.diagnostics.Problem;
import io.datasurface.diagnostics.Severity;
import io.datasurface.load.Models;
import io.datasurface.testfixtures.Examples;
import io.datasurface.yaml.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LintRulesTest {

    @Test
    void acmeExampleLintsWithoutErrorsOrWarnings() throws Exception {
        LoadedModel model = Models.loadAndLint(Examples.acme());

        assertThat(model.problems()).filteredOn(p -> p.severity() != Severity.INFO).isEmpty();
        assertThat(model.hasErrors()).isFalse();
    }

    @Test
    void minimalExampleLintsClean() throws Exception {
        assertThat(Models.loadAndLint(Examples.minimal()).problems()).isEmpty();
    }

    static Stream<String> invalidExamples() throws IOException {
        try (Stream<Path> dirs = Files.list(Examples.root().resolve("invalid"))) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Each invalid example breaks one rule; lint reports exactly the problems its EXPECTED file lists, where it lists them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleReportsExactlyItsExpectedProblems(String name) throws Exception {
        Path folder = Examples.invalid(name);
        List<String> expected = Files.readAllLines(folder.resolve("EXPECTED")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        List<Problem> reported = Models.loadAndLint(folder).problems().stream()
                .filter(p -> p.severity() != Severity.INFO).toList();

        assertThat(reported).as("problems of %s", name).hasSameSizeAs(expected);
        for (String line : expected) {
            String[] parts = line.split(" ", 4);
            assertThat(reported).as("%s expects: %s", name, line).anySatisfy(p -> {
                assertThat(p.severity().label()).isEqualTo(parts[0]);
                assertThat(p.rule()).isEqualTo(parts[1]);
                assertThat(p.location()).isPresent();
                assertThat(p.location().get().file() + ":" + p.location().get().line()).isEqualTo(parts[2]);
                assertThat(p.message()).contains(parts[3]);
            });
        }
    }

    @Test
    void everyProblemSaysWhereAndHowToFix() throws Exception {
        List<Problem> problems = Models.loadAndLint(Examples.invalid("nullable-key")).problems();

        assertThat(problems).singleElement().hasToString(
                "zones/North/teams/producers.yaml:12:13: error: [primary-key] zone North / team producers / datastore shop_db / "
                        + "dataset customers / column id: primary key column id is nullable: key columns must not be null; "
                        + "remove nullable: true or take the column out of the key");
    }
}
