package io.datasurface.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.model.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every pair of a set of types covering each kind and its size variants, against one explicit list of widenings. */
class TypePromotionTest {
    private static final List<String> TYPES = List.of("boolean", "smallint", "int", "bigint", "decimal(10,2)", "decimal(12,2)",
            "decimal(12,4)", "decimal(11,3)", "float", "double", "date", "timestamp(3)", "timestamp", "timestamptz(3)", "timestamptz",
            "char(3)", "char(5)", "varchar(10)", "varchar(20)", "text", "binary", "json");

    /** Every allowed change between different types of {@link #TYPES}; everything else must be refused. */
    private static final Set<String> WIDENINGS = Set.of(
            "smallint -> int", "smallint -> bigint", "int -> bigint",
            "decimal(10,2) -> decimal(12,2)", "decimal(10,2) -> decimal(12,4)", "decimal(10,2) -> decimal(11,3)",
            "decimal(11,3) -> decimal(12,4)",
            "float -> double",
            "date -> timestamp(3)", "date -> timestamp",
            "timestamp(3) -> timestamp", "timestamptz(3) -> timestamptz",
            "varchar(10) -> varchar(20)", "varchar(10) -> text", "varchar(20) -> text");

    @Test
    void onlyTheListedWideningsAreAllowed() {
        List<String> wrong = new ArrayList<>();
        for (String from : TYPES) {
            for (String to : TYPES) {
                boolean expected = from.equals(to) || WIDENINGS.contains(from + " -> " + to);
                if (TypePromotion.isPromotionAllowed(DataType.parse(from), DataType.parse(to)) != expected) {
                    wrong.add(from + " -> " + to + (expected ? " should be allowed" : " should be refused"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyListedWideningIsBetweenTestedTypes() {
        Set<String> pairs = TYPES.stream()
                .flatMap(a -> TYPES.stream().map(b -> a + " -> " + b)).collect(Collectors.toSet());
        assertThat(pairs).containsAll(WIDENINGS);
    }

    @Test
    void decimalMustKeepIntegerAndFractionDigits() {
        assertThat(TypePromotion.isPromotionAllowed(new DataType.DecimalType(12, 2), new DataType.DecimalType(12, 4))).isFalse();
        assertThat(TypePromotion.isPromotionAllowed(new DataType.DecimalType(12, 2), new DataType.DecimalType(14, 4))).isTrue();
        assertThat(TypePromotion.isPromotionAllowed(new DataType.DecimalType(12, 4), new DataType.DecimalType(12, 2))).isFalse();
    }
}
