package io.datasurface.modelservice;

import io.datasurface.cli.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasurface.testfixtures.Examples;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class LintCommandTest {

    @Test
    void helpExitsZeroOnEveryCommand(QuarkusMainLauncher launcher) {
        for (String command : List.of("lint", "graph", "check", "plan")) {
            LaunchResult result = launcher.launch(command, "--help");
            assertThat(result.exitCode()).as(command + " --help").isZero();
            assertThat(result.getOutput()).as(command + " --help").contains("Usage:");
        }
        assertThat(launcher.launch("--help").exitCode()).isZero();
    }

    @Test
    void cleanModelExitsZero(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("lint", Examples.acme().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).endsWith("0 error(s), 0 warning(s)");
    }

    @Test
    void modelWithErrorsPrintsCompilerStyleLinesAndExitsOne(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("lint", Examples.invalid("nullable-key").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.getOutput()).contains("zones/North/teams/producers.yaml:12:13: error: [primary-key] zone North / team producers");
    }

    @Test
    void jsonFormatListsEveryProblemWithItsPlace(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("lint", "--format", "json", Examples.invalid("unsupported-type").toString());

        JsonNode json = new ObjectMapper().readTree(result.getOutput());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(json.path("errors").asInt()).isEqualTo(1);
        JsonNode problem = json.path("problems").get(0);
        assertThat(problem.path("rule").asText()).isEqualTo("platform-support");
        assertThat(problem.path("file").asText()).isEqualTo("zones/North/teams/producers.yaml");
        assertThat(problem.path("line").asInt()).isEqualTo(14);
    }

    @Test
    void missingFolderIsUnusableInput(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("lint", "/no/such/model");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(result.getErrorOutput()).contains("does not exist");
    }

    @Test
    void graphPrintsEachBatchStreamWithItsTables(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("graph", Examples.acme().toString(), "--platform", "Prod");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput())
                .contains("platform Prod (KubernetesPGStarter), schema \"prod\": 5 batch-stream(s)")
                .contains("stream customer_db  [multi-dataset, milestoned, every 2m, owner USA/sales]")
                .contains("staging prod.customer_db_addresses_staging");
    }

    @Test
    void graphOfUnknownPlatformNamesTheKnownOnes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("graph", Examples.acme().toString(), "--platform", "Staging");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(result.getErrorOutput()).contains("the model has no platform named 'Staging'; it has: Prod");
    }
}
