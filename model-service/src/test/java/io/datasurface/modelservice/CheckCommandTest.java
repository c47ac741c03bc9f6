package io.datasurface.modelservice;

import io.datasurface.cli.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.modelservice.governance.TestingModelRepository;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** The check and plan commands as a CI job runs them; one test, few launches, because each launch starts the application. */
@QuarkusMainTest
class CheckCommandTest {

    @Test
    void checkAnswersWithExitCodesAndPlanShowsTheTableChange(QuarkusMainLauncher launcher) {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200), nullable: true}\n          - {name: phone, type: varchar(30), nullable: true}").commit("phone");
            String dir = repo.dir().toString();

            LaunchResult accepted = launcher.launch("check", "--repo-dir", dir, "--base", base, "--head", head,
                    "--source", "https://github.com/acme/sales-data.git@main", "--model-path", "model");
            assertThat(accepted.exitCode()).as(accepted.getOutput() + accepted.getErrorOutput()).isEqualTo(ExitCodes.OK);
            assertThat(accepted.getOutput()).contains("accepted: change", "column phone: added");

            LaunchResult rejected = launcher.launch("check", "--repo-dir", dir, "--base", base, "--head", head,
                    "--source", "https://github.com/acme/marketing-data.git@main", "--model-path", "model", "--format", "json");
            assertThat(rejected.exitCode()).isEqualTo(ExitCodes.REJECTED);
            assertThat(rejected.getOutput()).contains("\"accepted\" : false", "\"rule\" : \"ownership\"",
                    "\"owner\" : \"https://github.com/acme/sales-data.git@main\"", "\"tried\" : \"https://github.com/acme/marketing-data.git@main\"");

            LaunchResult unusable = launcher.launch("check", "--repo-dir", dir, "--base", "nope", "--head", head,
                    "--source", "https://github.com/acme/sales-data.git@main", "--model-path", "model");
            assertThat(unusable.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
            assertThat(unusable.getErrorOutput()).contains("ref 'nope' is not in");

            LaunchResult plan = launcher.launch("plan", "--repo-dir", dir, "--base", base, "--head", head, "--model-path", "model");
            assertThat(plan.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(plan.getOutput()).contains("platform Prod (schema prod)", "~ staging table customer_db_customers_staging",
                    "column phone varchar(30) added");
        }
    }
}
