package io.datasurface.modelservice.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.governance.Repositories;
import io.datasurface.governance.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A zone and a team arrive and leave the way pull requests would bring them, each checked from
 * the repository that proposes it, on a real git repository. Only accepted changes are merged.
 */
class PullRequestScenarioTest {
    private static final String ECOSYSTEM = "https://github.com/acme/datasurface-model.git@main";
    private static final String APAC = "https://github.com/acme/apac-zone.git@main";
    private static final String LOGISTICS = "https://github.com/acme/apac-logistics.git@main";
    private static final String SALES = "https://github.com/acme/sales-data.git@main";
    private static final String ZONE_FILE = "zones/APAC/zone.yaml";
    private static final String TEAM_FILE = "zones/APAC/teams/logistics.yaml";
    private static final List<String> TRANSCRIPT = new ArrayList<>();

    @Test
    void zoneAndTeamArriveAndLeaveInOrderAndForeignEditsAreRejected() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String main = repo.commit("nothing");
            main = propose(repo, main, "ecosystem declares zone APAC", ECOSYSTEM, true, r -> r.edit("ecosystem.yaml", "zones:\n",
                    "zones:\n  - {name: APAC, owner: {repo: https://github.com/acme/apac-zone.git, branch: main}}\n"));
            main = propose(repo, main, "zone APAC defines itself and declares team logistics", APAC, true, r -> r.write(ZONE_FILE, """
                    apiVersion: datasurface/v1
                    kind: GovernanceZone
                    name: APAC
                    documentation: Data produced in Asia-Pacific
                    teams:
                      - {name: logistics, owner: {repo: https://github.com/acme/apac-logistics.git, branch: main}}
                    """));
            String teamFile = """
                    apiVersion: datasurface/v1
                    kind: Team
                    name: logistics
                    datastores:
                      - name: shipments_db
                        capture: {kind: debezium, transactions: singleDataset, topicPrefix: cdc.shipments_db}
                        datasets:
                          - name: shipments
                            classification: internal
                            columns:
                              - {name: shipment_id, type: bigint, key: true}
                              - {name: carrier, type: varchar(40)}
                              - {name: shipped_at, type: timestamptz, nullable: true}
                    workspaces:
                      - name: tracking
                        platform: Prod
                        groups:
                          - name: live
                            milestoning: liveOnly
                            sinks:
                              - {datastore: shipments_db, dataset: shipments}
                    """;
            propose(repo, main, "a lookalike of the team's repository adds the team", "https://github.com/acme/apac-logіstics.git@main", false,
                    r -> r.write(TEAM_FILE, teamFile));
            main = propose(repo, main, "team logistics adds a store and a workspace", LOGISTICS, true, r -> r.write(TEAM_FILE, teamFile));
            propose(repo, main, "team sales makes logistics' shipped_at required", SALES, false,
                    r -> r.edit(TEAM_FILE, "{name: shipped_at, type: timestamptz, nullable: true}", "{name: shipped_at, type: timestamptz}"));
            propose(repo, main, "zone APAC removes its definition while its team is still defined", APAC, false, r -> r.delete(ZONE_FILE));
            main = propose(repo, main, "team logistics removes itself", LOGISTICS, true, r -> r.delete(TEAM_FILE));
            main = propose(repo, main, "zone APAC removes its definition", APAC, true, r -> r.delete(ZONE_FILE));
            propose(repo, main, "ecosystem removes the declaration of zone USA, which is still defined", ECOSYSTEM, false,
                    r -> r.edit("ecosystem.yaml", "  - {name: USA, owner: {repo: https://github.com/acme/usa-zone.git, branch: main}}\n", ""));
            propose(repo, main, "ecosystem removes the declaration of zone APAC", ECOSYSTEM, true, r -> r.edit("ecosystem.yaml",
                    "  - {name: APAC, owner: {repo: https://github.com/acme/apac-zone.git, branch: main}}\n", ""));
        }
    }

    @Test
    void foreignEditNamesTheObjectTheOwnerAndTheRepositoryThatTried() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("model")) {
            String base = repo.commit("nothing");
            String head = repo.edit("model/zones/USA/teams/sales.yaml", "{name: email, type: varchar(200), nullable: true}",
                    "{name: email, type: varchar(200)}").commit("marketing edits sales");
            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, head,
                    Repositories.parse("https://github.com/acme/marketing-data.git@main"), Optional.of("model"));
            assertThat(result.check().violations()).extracting(Violation::rule).containsExactly("ownership", "schema");
            assertThat(CheckReport.text(result)).element(1).isEqualTo("  zones/USA/teams/sales.yaml:18:13: [ownership] zone USA / team sales"
                    + " / datastore customer_db / dataset customers / column email: nullable changed from true to false");
            assertThat(CheckReport.text(result)).element(2)
                    .isEqualTo("      may be changed by: https://github.com/acme/sales-data.git@main; tried: https://github.com/acme/marketing-data.git@main");
        }
    }

    @Test
    void aGitlinkInTheModelFolderIsRejectedNamingItsPath() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String base = repo.commit("nothing");
            String head = repo.commitGitlink("zones/USA/teams/vendored.yaml", "sales vendors a team file from elsewhere");

            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, head, Repositories.parse(SALES), Optional.empty());

            assertThat(result.check().accepted()).isFalse();
            assertThat(result.check().violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("layout");
                assertThat(v.change()).isEqualTo("zones/USA/teams/vendored.yaml is a gitlink (a submodule), not a file: the model folder "
                        + "holds plain files only; replace it with the file itself");
            });
        }
    }

    @Test
    void aSymbolicLinkInTheModelFolderIsRejectedNamingItsPath() throws Exception {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            String base = repo.commit("nothing");
            String head = repo.symlink("zones/USA/teams/sales.yaml", "/etc/hostname").commit("sales points its file elsewhere");

            ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), base, head, Repositories.parse(SALES), Optional.empty());

            assertThat(result.check().accepted()).isFalse();
            assertThat(result.check().violations()).extracting(Violation::change)
                    .contains("zones/USA/teams/sales.yaml is a symbolic link, not a file: the model folder holds plain files only; "
                            + "replace it with the file itself");
        }
    }

    @Test
    void unknownRefIsUnusableInputNamingTheRef() {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            assertThatThrownBy(() -> ChangeCheckRunner.check(repo.dir(), "main", "no-such-branch", Repositories.parse(SALES), Optional.empty()))
                    .isInstanceOf(UnusableInputException.class).hasMessageContaining("ref 'no-such-branch' is not in");
        }
    }

    @Test
    void missingModelPathIsUnusableInput() {
        try (TestingModelRepository repo = TestingModelRepository.withAcme("")) {
            assertThatThrownBy(() -> ChangeCheckRunner.check(repo.dir(), "main", "main", Repositories.parse(SALES), Optional.of("models/acme")))
                    .isInstanceOf(UnusableInputException.class).hasMessageContaining("model path 'models/acme' holds no YAML files");
        }
    }

    @Test
    void folderThatIsNoRepositoryIsUnusableInput() throws IOException {
        Path empty = Files.createTempDirectory("not-a-repo");
        assertThatThrownBy(() -> ChangeCheckRunner.check(empty, "main", "main", Repositories.parse(SALES), Optional.empty()))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("is not a git repository");
        Files.delete(empty);
    }

    /** Commits a change on top of main, checks it from the source, and merges it (returns the new main) only when accepted. */
    private static String propose(TestingModelRepository repo, String main, String title, String source, boolean expectAccepted,
            java.util.function.Consumer<TestingModelRepository> change) throws UnusableInputException {
        change.accept(repo);
        String head = repo.commit(title);
        ChangeCheckRunner.Result result = ChangeCheckRunner.check(repo.dir(), main, head, Repositories.parse(source), Optional.empty());
        TRANSCRIPT.add("$ model-service check --repo-dir REPO --base main --head " + head.substring(0, 8) + " --source " + source + "   # " + title);
        TRANSCRIPT.addAll(CheckReport.text(result));
        TRANSCRIPT.add("");
        assertThat(result.check().accepted()).as(title + ":\n" + String.join("\n", CheckReport.text(result))).isEqualTo(expectAccepted);
        if (!expectAccepted) {
            repo.resetTo(main);
            return main;
        }
        return head;
    }

    @AfterAll
    static void writeTranscript() throws IOException {
        Path target = Path.of("target", "governance-scenario.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, String.join("\n", TRANSCRIPT));
    }
}
