package io.datasurface.governance;

import static io.datasurface.testfixtures.AcmeChanges.ECOSYSTEM;
import static io.datasurface.testfixtures.AcmeChanges.MARKETING;
import static io.datasurface.testfixtures.AcmeChanges.SALES;
import static io.datasurface.testfixtures.AcmeChanges.SALES_FILE;
import static io.datasurface.testfixtures.AcmeChanges.USA;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.Repository;
import io.datasurface.testfixtures.AcmeChanges;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeCheckerTest {
    private static final AcmeChanges BASE = AcmeChanges.base();
    private static final String EMAIL = "{name: email, type: varchar(200), nullable: true}";
    private static final AcmeChanges PHONE_ADDED = BASE.edit(SALES_FILE, EMAIL,
            EMAIL + "\n          - {name: phone, type: varchar(30), nullable: true}");

    @Test
    void aForeignEditThatLeavesTheModelEqualIsRejectedNamingTheFile() {
        AcmeChanges head = BASE.edit(SALES_FILE, "kind: Team\n", "kind: Team\n# sales no longer owns this file\n");

        ChangeCheck check = head.proposedBy(MARKETING, BASE);

        assertThat(check.changes()).isEmpty();
        assertThat(check.violations()).singleElement().isInstanceOfSatisfying(Violation.ForeignFileEdit.class, v -> {
            assertThat(v.file()).isEqualTo(SALES_FILE);
            assertThat(v.owner()).contains(SALES);
            assertThat(v.change()).startsWith("file " + SALES_FILE + " was edited");
        });
    }

    @Test
    void theOwnerMayEditItsFileWithoutChangingTheModel() {
        AcmeChanges head = BASE.edit(SALES_FILE, "kind: Team\n", "kind: Team\n# reviewed 2026-11\n");

        assertThat(head.proposedBy(SALES, BASE).accepted()).isTrue();
    }

    @Test
    void teamEditingItsOwnDatasetIsAccepted() {
        ChangeCheck check = PHONE_ADDED.proposedBy(SALES, BASE);
        assertThat(check.violations()).isEmpty();
        assertThat(check.changes()).extracting(c -> c.change().toString())
                .containsExactly("zone USA / team sales / datastore customer_db / dataset customers / column phone: added");
    }

    @Test
    void unauthorizedTeamEditIsRejectedNamingOwnerAndSource() {
        ChangeCheck check = PHONE_ADDED.proposedBy(MARKETING, BASE);
        assertThat(check.accepted()).isFalse();
        assertThat(check.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("ownership");
            assertThat(v.path()).hasToString("zone USA / team sales / datastore customer_db / dataset customers / column phone");
            assertThat(v.change()).isEqualTo("added");
            assertThat(v.owner()).contains(SALES);
            assertThat(v.tried()).isEqualTo(MARKETING);
            assertThat(v.location()).hasValueSatisfying(l -> assertThat(l.file()).isEqualTo(SALES_FILE));
        });
    }

    @Test
    void deepEditOfOneColumnsNullabilityIsFoundAndAttributed() {
        AcmeChanges head = BASE.edit(SALES_FILE, EMAIL, "{name: email, type: varchar(200)}");
        ChangeCheck check = head.proposedBy(MARKETING, BASE);
        assertThat(check.violations()).extracting(v -> v.rule() + " " + v.path() + ": " + v.change() + " (owner " + v.owner().orElseThrow() + ")")
                .containsExactly(
                        "ownership zone USA / team sales / datastore customer_db / dataset customers / column email: nullable changed from true to false"
                                + " (owner " + SALES + ")",
                        "schema zone USA / team sales / datastore customer_db / dataset customers / column email: nullable column made required: "
                                + "existing rows may hold nulls; keep it nullable (owner " + SALES + ")");
    }

    @Test
    void ownerMayNotMakeAnIncompatibleChangeEither() {
        ChangeCheck check = BASE.edit(SALES_FILE, EMAIL, "{name: email, type: varchar(200)}").proposedBy(SALES, BASE);
        assertThat(check.violations()).extracting(Violation::rule).containsExactly("schema");
    }

    @Test
    void unknownSourceIsRejectedEvenWithoutChanges() {
        Repository stranger = new Repository("https://github.com/someone/else.git", "main");
        ChangeCheck check = BASE.proposedBy(stranger, BASE);
        assertThat(check.violations()).singleElement().satisfies(v -> {
            assertThat(v).isInstanceOf(Violation.UnknownSource.class);
            assertThat(v.change()).contains(ECOSYSTEM.toString(), SALES.toString());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://GitHub.com/acme/sales-data.git@main", "https://github.com/acme/sales-data/@main",
            "https://github.com/acme/sales-data@main", "HTTPS://github.com/acme/sales-data.git/@main"})
    void ownerWrittenDifferentlyIsTheOwner(String source) {
        assertThat(PHONE_ADDED.proposedBy(Repositories.parse(source), BASE).accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme/sales-dаta.git@main", "https://github.com/acme/sales-data.git@Main",
            "https://github.com/acme/sales-data.git@dev", "https://gitlab.com/acme/sales-data.git@main"})
    void spoofedSourceIsRejectedAsUnknown(String source) {
        ChangeCheck check = PHONE_ADDED.proposedBy(Repositories.parse(source), BASE);
        assertThat(check.violations()).extracting(Violation::rule).containsExactly("source", "ownership");
    }

    @Test
    void removingADatasetAWorkspaceUsesIsRejected() {
        AcmeChanges head = BASE.edit(SALES_FILE, """
                      - name: addresses
                        classification: pii
                        columns:
                          - {name: customer_id, type: bigint, key: true}
                          - {name: kind, type: varchar(20), key: true}
                          - {name: street, type: varchar(200)}
                          - {name: city, type: varchar(100)}
                          - {name: postcode, type: varchar(20), nullable: true}
                """, "");
        ChangeCheck check = head.proposedBy(SALES, BASE);
        assertThat(check.violations()).filteredOn(v -> v.rule().equals("in-use")).singleElement().satisfies(v -> {
            assertThat(v.path()).hasToString("zone USA / team sales / datastore customer_db / dataset addresses");
            assertThat(v.change()).contains("zone USA / team marketing / workspace churn");
        });
        assertThat(check.violations()).extracting(Violation::rule).contains("lint");
    }

    @Test
    void removingAnUnusedDatasetIsAccepted() {
        AcmeChanges head = BASE.edit(SALES_FILE, """
                      - name: order_archive
                        classification: internal
                        deprecated: true
                        documentation: Replaced by orders; kept for old reports
                        columns:
                          - {name: order_id, type: bigint, key: true}
                          - {name: archived_on, type: date}
                """, "");
        assertThat(head.proposedBy(SALES, BASE).violations()).isEmpty();
    }

    @Test
    void headLintErrorsAreViolationsOfThePartsOwner() {
        AcmeChanges head = BASE.edit(SALES_FILE, "platform: Prod", "platform: Staging");
        ChangeCheck check = head.proposedBy(SALES, BASE);
        assertThat(check.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("lint");
            assertThat(v.path()).hasToString("zone USA / team sales / workspace sales_ops");
            assertThat(v.owner()).contains(SALES);
        });
    }

    @Test
    void zoneDeclaredButNotYetDefinedIsAccepted() {
        AcmeChanges head = BASE.edit("ecosystem.yaml", "zones:\n",
                "zones:\n  - {name: APAC, owner: {repo: https://github.com/acme/apac-zone.git, branch: main}}\n");
        ChangeCheck check = head.proposedBy(ECOSYSTEM, BASE);
        assertThat(check.violations()).isEmpty();
        assertThat(check.changes()).extracting(c -> c.change().toString()).containsExactly("zone declaration APAC: added");
    }

    @Test
    void zoneDefinedBeforeItsDeclarationIsRejected() {
        AcmeChanges head = BASE.put("zones/APAC/zone.yaml", "apiVersion: datasurface/v1\nkind: GovernanceZone\nname: APAC\n");
        ChangeCheck check = head.proposedBy(new Repository("https://github.com/acme/apac-zone.git", "main"), BASE);
        assertThat(check.violations()).extracting(v -> v.rule() + " " + v.path() + " owner " + v.owner().map(Repository::toString).orElse("none"))
                .containsExactly("lint zone APAC owner " + ECOSYSTEM, "source ecosystem owner none", "ownership zone APAC owner " + ECOSYSTEM);
    }

    @Test
    void changingATeamsOwnerDoesNotAuthoriseTheNewOwnerInTheSameChange() {
        AcmeChanges head = PHONE_ADDED.edit("zones/USA/zone.yaml", "https://github.com/acme/sales-data.git", "https://github.com/acme/usa-zone.git");
        ChangeCheck check = head.proposedBy(USA, BASE);
        assertThat(check.violations()).extracting(v -> v.rule() + " " + v.path() + " owner " + v.owner().orElseThrow())
                .containsExactly("ownership zone USA / team sales / datastore customer_db / dataset customers / column phone owner " + SALES);
    }

    @Test
    void everyViolationIsListedNotOnlyTheFirst() {
        AcmeChanges head = PHONE_ADDED.edit("ecosystem.yaml", "mergeInterval: 5m", "mergeInterval: 1m")
                .edit("zones/USA/zone.yaml", "restrictedToZone: [pii]", "restrictedToZone: []");
        List<String> owners = head.proposedBy(MARKETING, BASE).violations().stream().map(v -> v.owner().orElseThrow().url()).toList();
        assertThat(owners).containsExactly(ECOSYSTEM.url(), USA.url(), SALES.url());
    }
}
