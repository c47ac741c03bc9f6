package io.datasurface.modelservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.cli.ExitCodes;
import io.datasurface.modelservice.governance.TestingModelRepository;
import io.datasurface.testfixtures.Examples;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code --format sarif} on the command line, exit codes unchanged; one test, few launches, as each starts the application. */
@QuarkusMainTest
class SarifCommandTest {

    @Test
    void lintAndCheckWriteSarifWithTheirUsualExitCodes(QuarkusMainLauncher launcher) throws Exception {
        ObjectMapper json = new ObjectMapper();

        LaunchResult lint = launcher.launch("lint", "--format", "sarif", Examples.invalid("nullable-key").toString());
        assertThat(lint.exitCode()).as(lint.getErrorOutput()).isEqualTo(ExitCodes.REJECTED);
        JsonNode lintRun = json.readTree(lint.getOutput()).path("runs").get(0);
        assertThat(lintRun.path("tool").path("driver").path("name").asText()).isEqualTo("DataSurface");
        assertThat(lintRun.path("tool").path("driver").path("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(lintRun.path("results").findValuesAsText("ruleId")).containsExactly("primary-key");

        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");
            LaunchResult check = launcher.launch("check", "--repo-dir", repo.dir().toString(), "--base", base, "--head", head,
                    "--source", "https://github.com/acme/marketing-data.git@main", "--model-path", "model", "--format", "sarif");
            assertThat(check.exitCode()).as(check.getErrorOutput()).isEqualTo(ExitCodes.REJECTED);
            JsonNode results = json.readTree(check.getOutput()).path("runs").get(0).path("results");
            assertThat(results.findValuesAsText("ruleId")).containsExactly("ownership", "schema");
            assertThat(results.findValuesAsText("uri")).containsOnly("model/zones/USA/teams/sales.yaml");
        }

        LaunchResult unusable = launcher.launch("lint", "--format", "sarif", "/no/such/model");
        assertThat(unusable.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(unusable.getOutput()).isEmpty();
    }
}
