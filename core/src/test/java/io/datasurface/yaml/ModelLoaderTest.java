package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datasurface.diagnostics.Problem;
import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.DataType;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.KubernetesPGStarter;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.TransactionScope;
import io.datasurface.testfixtures.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    private static Map<String, String> minimalFiles() throws ModelLoadException {
        return ModelFiles.fromDirectory(Examples.minimal()).files();
    }

    private static LoadedModel loadWith(String file, String text) throws Exception {
        Map<String, String> files = new TreeMap<>(minimalFiles());
        files.put(file, text);
        return ModelLoader.load(ModelFiles.of("test", files));
    }

    @Test
    void aScheduleTooLongToHoldIsAProblemWithItsLine() throws Exception {
        String team = minimalFiles().get("zones/North/teams/producers.yaml")
                .replace("topicPrefix: cdc.shop_db}", "topicPrefix: cdc.shop_db, schedule: 999999999999999d}");

        LoadedModel model = loadWith("zones/North/teams/producers.yaml", team);

        assertThat(model.ecosystem()).isEmpty();
        assertThat(model.errors()).extracting(Problem::toString).containsExactly("zones/North/teams/producers.yaml:7:57: error: [load] ecosystem: "
                + "duration '999999999999999d' is too long: the longest is " + Long.MAX_VALUE / 86_400 + "d");
    }

    @Test
    void aSchemaProblemDeepInsideAFileIsReportedNotThrown() throws Exception {
        String team = minimalFiles().get("zones/North/teams/producers.yaml")
                .replace("name: producers\n", "name: producers\ndocumentation: " + "[".repeat(60) + "]".repeat(60) + "\n");

        LoadedModel model = loadWith("zones/North/teams/producers.yaml", team);

        assertThat(model.errors()).extracting(Problem::toString).anyMatch(p -> p.startsWith("zones/North/teams/producers.yaml:4:")
                && p.contains("[schema]"));
    }

    @Test
    void aSecondFileForATeamIsALayoutErrorNamingBoth() throws Exception {
        String copy = minimalFiles().get("zones/North/teams/producers.yaml").replace("varchar(100)", "varchar(200)");
        LoadedModel model = loadWith("zones/North/teams/producers.yml", copy);

        assertThat(model.ecosystem()).isEmpty();
        assertThat(model.errors()).extracting(Problem::toString).containsExactly("zones/North/teams/producers.yml:1:1: error: [layout] zone North / team producers: "
                + "two files define this part: zones/North/teams/producers.yaml and zones/North/teams/producers.yml; "
                + "a part has exactly one file: remove one");
    }

    @Test
    void aSecondFileForAZoneIsALayoutError() throws Exception {
        LoadedModel model = loadWith("zones/North/zone.yml", minimalFiles().get("zones/North/zone.yaml"));

        assertThat(model.ecosystem()).isEmpty();
        assertThat(model.errors()).extracting(Problem::message)
                .containsExactly("two files define this part: zones/North/zone.yaml and zones/North/zone.yml; a part has exactly one file: remove one");
    }

    @Test
    void acmeExampleLoadsEveryPart() throws Exception {
        Ecosystem acme = ModelLoader.load(Examples.acme()).ecosystem().orElseThrow();

        assertThat(acme.zones()).extracting(z -> z.name()).containsExactly("USA", "EU");
        assertThat(acme.teams()).hasSize(4);
        KubernetesPGStarter prod = (KubernetesPGStarter) acme.platform("Prod").orElseThrow();
        assertThat(prod.mergeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(prod.retention().archiveRemovedTables()).isTrue();
        CaptureMetaData capture = acme.datastore("customer_db").orElseThrow().store().capture().orElseThrow();
        assertThat(capture.transactions()).isEqualTo(TransactionScope.MULTI_DATASET);
        assertThat(capture.schedule()).contains(Duration.ofMinutes(2));
        assertThat(acme.datastore("customer_db").orElseThrow().store().dataset("customers").orElseThrow().schema().column("balance"))
                .get().extracting(c -> c.type()).isEqualTo(new DataType.DecimalType(12, 2));
    }

    @Test
    void loaderRecordsWhereEachObjectIsDefined() throws Exception {
        LoadedModel model = ModelLoader.load(Examples.acme());

        assertThat(model.sources().locate(ModelPaths.dataset("USA", "sales", "customer_db", "addresses")))
                .get().hasToString("zones/USA/teams/sales.yaml:21:9");
    }

    @Test
    void malformedYamlIsUnusableInputWithFileLineAndColumn() throws Exception {
        Map<String, String> files = new TreeMap<>(minimalFiles());
        files.put("zones/South/zone.yaml", "apiVersion: datasurface/v1\nkind: GovernanceZone\nname: South\nteams:\n  - {name: consumers\n");

        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.of("test", files)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("zones/South/zone.yaml:6:1:");
    }

    @Test
    void repeatedKeyIsUnusableInputWithItsLine() throws Exception {
        Map<String, String> files = new TreeMap<>(minimalFiles());
        files.put("zones/South/zone.yaml", "apiVersion: datasurface/v1\nkind: GovernanceZone\nname: South\nname: North\n");

        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.of("test", files)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("zones/South/zone.yaml:4:1:")
                .hasMessageContaining("duplicate key name");
    }

    @Test
    void missingFolderIsUnusableInput(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelLoader.load(dir.resolve("nope")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void folderWithoutEcosystemIsUnusableInput(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.yaml"), "a: 1\n");

        assertThatThrownBy(() -> ModelLoader.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no ecosystem.yaml");
    }

    @Test
    void fileOfTheWrongKindForItsPlaceIsAnError() throws Exception {
        LoadedModel model = loadWith("zones/South/zone.yaml", "apiVersion: datasurface/v1\nkind: Team\nname: South\n");

        assertThat(model.ecosystem()).isEmpty();
        assertThat(model.problems()).singleElement().extracting(Problem::toString).asString()
                .startsWith("zones/South/zone.yaml:2:1: error: [layout]")
                .contains("must have kind GovernanceZone, not Team");
    }

    @Test
    void teamWhoseNameDiffersFromItsFileIsAnError() throws Exception {
        LoadedModel model = loadWith("zones/South/teams/consumers.yaml", "apiVersion: datasurface/v1\nkind: Team\nname: buyers\n");

        assertThat(model.problems()).singleElement().extracting(Problem::message).asString()
                .contains("Team 'buyers' is in a file named for 'consumers'");
    }

    @Test
    void unknownTypeIsReportedAtItsLine() throws Exception {
        String team = minimalFiles().get("zones/North/teams/producers.yaml").replace("type: varchar(100)", "type: uuid");

        LoadedModel model = loadWith("zones/North/teams/producers.yaml", team);

        assertThat(model.problems()).singleElement().extracting(Problem::toString).asString()
                .startsWith("zones/North/teams/producers.yaml:13:")
                .contains("unknown data type 'uuid'");
    }

    @Test
    void badDurationIsReportedAtItsLine() throws Exception {
        String eco = minimalFiles().get("ecosystem.yaml").replace("    mergeImage:", "    mergeInterval: 5 minutes\n    mergeImage:");

        LoadedModel model = loadWith("ecosystem.yaml", eco);

        assertThat(model.problems()).singleElement().extracting(Problem::toString).asString()
                .startsWith("ecosystem.yaml:16:")
                .contains("mergeInterval");
    }

    @Test
    void everySchemaProblemOfEveryFileIsReportedTogether() throws Exception {
        Map<String, String> files = new TreeMap<>(minimalFiles());
        files.put("zones/South/zone.yaml", files.get("zones/South/zone.yaml").replace("teams:", "temas:"));
        files.put("ecosystem.yaml", files.get("ecosystem.yaml").replace("namespace: ds", "namespace: ds\n    replicas: 3"));

        LoadedModel model = ModelLoader.load(ModelFiles.of("test", files));

        assertThat(model.problems()).extracting(p -> p.location().orElseThrow().file())
                .containsExactlyInAnyOrder("ecosystem.yaml", "zones/South/zone.yaml");
    }

    @Test
    void schemaProblemNamesTheObjectItIsIn() throws Exception {
        String team = minimalFiles().get("zones/North/teams/producers.yaml").replace("{name: email, type: varchar(200), nullable: true}",
                "{name: email, type: varchar(200), nulable: true}");

        LoadedModel model = loadWith("zones/North/teams/producers.yaml", team);

        assertThat(model.problems()).singleElement().extracting(Problem::toString).asString()
                .startsWith("zones/North/teams/producers.yaml:14:")
                .contains("[schema] zone North / team producers / datastore shop_db / dataset customers / column email: ")
                .contains("'nulable' is not defined in the schema");
    }

    @Test
    void strayFilesAreWarnedAboutAndIgnored() throws Exception {
        LoadedModel model = loadWith("zones/North/extra.yaml", "a: 1\n");

        assertThat(model.ecosystem()).isPresent();
        assertThat(model.problems()).singleElement().extracting(Problem::toString).asString()
                .contains("warning: [layout]").contains("is not part of the model");
    }
}
