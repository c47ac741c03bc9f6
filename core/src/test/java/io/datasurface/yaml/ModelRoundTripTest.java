package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.DataType;
import io.datasurface.model.Ecosystem;
import io.datasurface.testfixtures.Examples;
import io.datasurface.testfixtures.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRoundTripTest {

    @Test
    void everyConceptSurvivesWritingAndLoading(@TempDir Path dir) throws Exception {
        Ecosystem model = TestModels.everyConcept();

        ModelWriter.write(model, dir);

        assertThat(ModelLoader.load(dir).ecosystem()).contains(model);
    }

    @Test
    void acmeExampleSurvivesLoadingWritingAndLoading() throws Exception {
        Ecosystem acme = ModelLoader.load(Examples.acme()).ecosystem().orElseThrow();

        Ecosystem again = ModelLoader.load(ModelFiles.of("written", ModelWriter.toFiles(acme))).ecosystem().orElseThrow();

        assertThat(again).isEqualTo(acme);
    }

    @Test
    void writtenFilesAreTheSameEveryTime() {
        assertThat(ModelWriter.toFiles(TestModels.everyConcept())).isEqualTo(ModelWriter.toFiles(TestModels.everyConcept()));
    }

    @Test
    void everyDataTypeParsesBackFromItsText() {
        for (DataType type : TestModels.everyDataType()) {
            assertThat(DataType.parse(type.toString())).as(type.toString()).isEqualTo(type);
        }
    }

    @Test
    void dataTypeAliasesAndSpacingAreAccepted() {
        assertThat(DataType.parse("NUMERIC( 12 , 2 )")).isEqualTo(new DataType.DecimalType(12, 2));
        assertThat(DataType.parse("integer")).isEqualTo(new DataType.IntegerType(32));
        assertThat(DataType.parse("timestamptz(3)")).isEqualTo(new DataType.TimestampType(true, 3));
    }
}
