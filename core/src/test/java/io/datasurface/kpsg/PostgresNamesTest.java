package io.datasurface.kpsg;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresNamesTest {

    @Test
    void legalLowerCaseNameIsKept() {
        assertThat(PostgresNames.identifier("customer_db")).isEqualTo("customer_db");
    }

    @Test
    void otherCharactersBecomeUnderscoresAndCaseIsLowered() {
        assertThat(PostgresNames.identifier("Customer-DB.v2")).isEqualTo("customer_db_v2");
    }

    @Test
    void nameMustStartWithALetter() {
        assertThat(PostgresNames.identifier("2024_orders")).isEqualTo("n_2024_orders");
    }

    @Test
    void tooLongNameIsCutWithAStableHashSuffix() {
        String longName = "a".repeat(100);

        String identifier = PostgresNames.identifier(longName);

        assertThat(identifier.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(identifier).isEqualTo(PostgresNames.identifier(longName)).matches("a+_[0-9a-f]{8}");
        assertThat(identifier).isNotEqualTo(PostgresNames.identifier("a".repeat(99) + "b"));
    }

    @Test
    void collidingColumnsAreToldApartAndTheExactNameKeepsItsName() {
        List<MappedColumn> columns = IntentionGraphBuilder.mapColumns(List.of(
                Column.of("email", new DataType.TextType(), true, false),
                Column.of("Email", new DataType.TextType(), true, false))).orElseThrow();

        assertThat(columns.get(0).name()).isEqualTo("email");
        assertThat(columns.get(1).name()).startsWith("email_").hasSize("email_".length() + 8);
    }

    @Test
    void modelColumnNamedLikeASystemColumnIsRenamed() {
        List<MappedColumn> columns = IntentionGraphBuilder.mapColumns(List.of(Column.of("ds_seq", new DataType.TextType(), true, false))).orElseThrow();

        assertThat(columns.get(0).name()).isNotIn(TableLayout.RESERVED_COLUMNS).startsWith("ds_seq_");
    }

    @Test
    void assignmentOfANameDoesNotDependOnUnrelatedNames() {
        var a = new UniqueIdentifiers.Candidate("a.b", "a_b", true);
        var other = new UniqueIdentifiers.Candidate("x.y", "x_y", true);

        assertThat(UniqueIdentifiers.assign(List.of(a), Set.of(), 55).get("a.b"))
                .isEqualTo(UniqueIdentifiers.assign(List.of(other, a), Set.of(), 55).get("a.b"))
                .isEqualTo("a_b");
    }

    @Test
    void identifiersAreQuotedWithEmbeddedQuotesDoubled() {
        assertThat(PostgresNames.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }
}
