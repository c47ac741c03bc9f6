package io.datasurface.modelservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datasurface.governance.Repositories;
import io.datasurface.load.Models;
import io.datasurface.modelservice.governance.ChangeCheckRunner;
import io.datasurface.modelservice.governance.TestingModelRepository;
import io.datasurface.testfixtures.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lint and check answers as SARIF, validated against the SARIF 2.1.0 JSON Schema in {@code src/test/resources/sarif/}:
 * {@code sarif-2.1.0-rtm.5.json}, the complete JSON Schema (draft-04) of SARIF 2.1.0 at release 2.1.0-rtm.5, taken unchanged
 * from the npm package {@code @microsoft/jest-sarif} 1.0.0-beta.0 (MIT, Microsoft; see the README.md beside it). It is the
 * whole published schema, not a subset written here; it is not byte for byte the file of the OASIS standard's site (which
 * could not be reached and may differ in title, id or descriptions).
 */
class SarifReportTest {
    private static final JsonSchema SARIF_SCHEMA = loadSchema();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "1.2.3-test";

    @ParameterizedTest
    @ValueSource(strings = {"nullable-key", "unsupported-type", "unresolved-sink", "deprecated-in-use"})
    void lintOfAnInvalidExampleIsValidSarif(String example) throws Exception {
        Path folder = Examples.invalid(example);
        JsonNode log = JSON.readTree(SarifReport.lint(folder, Models.loadAndLint(folder).problems(), VERSION));

        assertThat(SARIF_SCHEMA.validate(log)).as(log.toPrettyString()).isEmpty();
        assertThat(log.path("runs").get(0).path("results")).isNotEmpty();
    }

    @Test
    void schemaRejectsALogThatBreaksIt() throws Exception {
        Path folder = Examples.invalid("nullable-key");
        ObjectNode log = (ObjectNode) JSON.readTree(SarifReport.lint(folder, Models.loadAndLint(folder).problems(), VERSION));
        ((ObjectNode) log.path("runs").get(0).path("results").get(0)).put("level", "fatal");
        log.remove("version");

        Set<ValidationMessage> messages = SARIF_SCHEMA.validate(log);

        assertThat(messages).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("version"))
                .anyMatch(m -> m.contains("level") || m.contains("enum"));
    }

    @Test
    void lintResultNamesRuleLevelPathFixFileAndPlace() throws Exception {
        Path folder = Examples.invalid("nullable-key");
        JsonNode run = JSON.readTree(SarifReport.lint(folder, Models.loadAndLint(folder).problems(), VERSION)).path("runs").get(0);

        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("DataSurface");
        assertThat(driver.path("version").asText()).isEqualTo(VERSION);
        assertThat(driver.path("rules")).singleElement().satisfies(rule -> {
            assertThat(rule.path("id").asText()).isEqualTo("primary-key");
            assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("Datasets have a primary key of non-null columns.");
        });
        JsonNode result = run.path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("primary-key");
        assertThat(result.path("ruleIndex").asInt()).isZero();
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.path("message").path("text").asText()).startsWith("zone North / team producers").contains("primary key column id is nullable");
        JsonNode physical = result.path("locations").get(0).path("physicalLocation");
        // relative to the root of the git work tree that holds the examples, as a code host names the file
        assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("examples/invalid/nullable-key/zones/North/teams/producers.yaml");
        assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(12);
        assertThat(physical.path("region").path("startColumn").asInt()).isEqualTo(13);
    }

    @Test
    void warningsAreWarningsAndRulesAreListedOncePerId() throws Exception {
        Path folder = Examples.invalid("deprecated-in-use");
        var problems = Models.loadAndLint(folder).problems();
        JsonNode run = JSON.readTree(SarifReport.lint(folder, problems, VERSION)).path("runs").get(0);

        assertThat(run.path("results")).hasSize(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            String expected = switch (problems.get(i).severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "note";
            };
            assertThat(run.path("results").get(i).path("level").asText()).isEqualTo(expected);
            int ruleIndex = run.path("results").get(i).path("ruleIndex").asInt();
            assertThat(run.path("tool").path("driver").path("rules").get(ruleIndex).path("id").asText()).isEqualTo(problems.get(i).rule());
        }
        assertThat(run.path("results").findValuesAsText("level")).contains("warning");
        assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id"))
                .doesNotHaveDuplicates().isSorted()
                .containsExactlyInAnyOrderElementsOf(problems.stream().map(p -> p.rule()).distinct().toList());
    }

    @Test
    void rejectedCheckGivesEachViolationWithItsFileUnderTheModelPathAndLine() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");
            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, head,
                    Repositories.parse("https://github.com/acme/marketing-data.git@main"), Optional.of("model"));

            JsonNode log = JSON.readTree(SarifReport.check(result, Optional.of("./model/"), VERSION));

            assertThat(SARIF_SCHEMA.validate(log)).as(log.toPrettyString()).isEmpty();
            JsonNode run = log.path("runs").get(0);
            assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id")).containsExactly("ownership", "schema");
            assertThat(run.path("results").findValuesAsText("ruleId")).containsExactly("ownership", "schema");
            assertThat(run.path("results").findValuesAsText("level")).containsOnly("error");
            for (JsonNode r : run.path("results")) {
                JsonNode physical = r.path("locations").get(0).path("physicalLocation");
                assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("model/zones/USA/teams/sales.yaml");
                assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(18);
                assertThat(physical.path("region").path("startColumn").asInt()).isEqualTo(13);
            }
            assertThat(run.path("results").get(0).path("message").path("text").asText()).isEqualTo("zone USA / team sales / datastore customer_db"
                    + " / dataset customers / column email: nullable changed from true to false; may be changed by: "
                    + "https://github.com/acme/sales-data.git@main (propose the change from there); tried: https://github.com/acme/marketing-data.git@main");
        }
    }

    @Test
    void violationWithoutAFilePointsAtTheEcosystemFile() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("a stranger edits sales");
            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, head,
                    Repositories.parse("https://github.com/elsewhere/unknown.git@main"), Optional.of("model"));

            JsonNode log = JSON.readTree(SarifReport.check(result, Optional.of("model"), VERSION));

            assertThat(SARIF_SCHEMA.validate(log)).isEmpty();
            JsonNode source = log.path("runs").get(0).path("results").get(0);
            assertThat(source.path("ruleId").asText()).isEqualTo("source");
            JsonNode physical = source.path("locations").get(0).path("physicalLocation");
            assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("model/ecosystem.yaml");
            assertThat(physical.has("region")).isFalse();
        }
    }

    @Test
    void acceptedCheckIsAnEmptyRun() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String base = repo.commit("nothing");
            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, base,
                    Repositories.parse("https://github.com/acme/sales-data.git@main"), Optional.empty());

            JsonNode log = JSON.readTree(SarifReport.check(result, Optional.empty(), VERSION));

            assertThat(SARIF_SCHEMA.validate(log)).isEmpty();
            assertThat(log.path("runs").get(0).path("results")).isEmpty();
            assertThat(log.path("runs").get(0).path("tool").path("driver").path("rules")).isEmpty();
        }
    }

    @Test
    void sameInputGivesByteIdenticalSarif() throws Exception {
        Path folder = Examples.invalid("unresolved-sink");
        String first = SarifReport.lint(folder, Models.loadAndLint(folder).problems(), VERSION);
        String second = SarifReport.lint(folder, Models.loadAndLint(folder).problems(), VERSION);
        assertThat(second).isEqualTo(first);

        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");
            var source = Repositories.parse("https://github.com/acme/marketing-data.git@main");
            String once = SarifReport.check(ChangeCheckRunner.check(repo.dir(), base, head, source, Optional.of("model")), Optional.of("model"), VERSION);
            String twice = SarifReport.check(ChangeCheckRunner.check(repo.dir(), base, head, source, Optional.of("model")), Optional.of("model"), VERSION);
            assertThat(twice).isEqualTo(once);
        }
    }

    @Test
    void pathsBecomeUriReferences() {
        assertThat(SarifReport.folderPrefix("./model/")).isEqualTo("model/");
        assertThat(SarifReport.folderPrefix(".")).isEmpty();
        assertThat(SarifReport.uri("model/zones/North America/teams/sales.yaml")).isEqualTo("model/zones/North%20America/teams/sales.yaml");
        assertThat(SarifReport.uri("/tmp/model/ecosystem.yaml")).isEqualTo("file:///tmp/model/ecosystem.yaml");
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
