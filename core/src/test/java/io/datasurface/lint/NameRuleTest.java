package io.datasurface.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameRuleTest {
    /** The rule as the documentation and the JSON Schema's users read it. */
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,127}");

    @Test
    void legalNamesAreExactlyThoseOfThePattern() {
        List<String> names = new ArrayList<>(List.of("", "a", "Z", "_a", "-a", "1a", "a1", "a_b-c", "a b", "a.b", "a/b", "é", "aé", "a\u0660",
                "ａ", "a\n", "A".repeat(128), "A".repeat(129), "a" + "9".repeat(127), "a" + "9".repeat(128)));
        for (char c = 0; c < 256; c++) {
            names.add(String.valueOf(c));
            names.add("a" + c);
        }

        for (String name : names) {
            assertThat(NameRule.isLegal(name)).as("'%s'", name).isEqualTo(LEGAL.matcher(name).matches());
        }
    }
}
