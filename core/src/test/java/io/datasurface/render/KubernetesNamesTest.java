package io.datasurface.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KubernetesNamesTest {

    @Test
    void aNameThatFitsIsKeptAndOneThatDoesNotIsCutAndHashed() throws Exception {
        assertThat(KubernetesNames.dnsLabel("merge-orders", 50)).isEqualTo("merge-orders");
        assertThat(KubernetesNames.dnsLabel("merge-orders_db.orders", 50)).isEqualTo("merge-orders-db-orders-" + sha256("merge-orders_db.orders"));
        assertThat(KubernetesNames.dnsLabel("a".repeat(60), 50)).isEqualTo("a".repeat(41) + "-" + sha256("a".repeat(60)));
    }

    /** The rule as it was first written, with regular expressions; the loop that replaced them must give the same names. */
    @Test
    void dnsLabelsAreThoseOfTheRegularExpressions() throws Exception {
        List<String> names = new ArrayList<>(List.of("", "-", "--", "a", "A", "-a-", "--a--", "a--b", "a__b", "a.b", "_a_", "Prod", "orders_db.orders",
                "merge-orders_db.orders", "İstanbul", "\u212Aelvin", "emoji\uD83D\uDE00x", "\uD83D\uDE00", "x-", "-x", "a".repeat(70), "a-".repeat(40)));
        Random random = new Random(15);
        String alphabet = "aZ09-_. /İ\u212A\uD83D\uDE00é";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(70); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }

        for (String name : names) {
            for (int maxLength : new int[] {10, 40, 50, 63}) {
                assertThat(KubernetesNames.dnsLabel(name, maxLength)).as("'%s', %d", name, maxLength).isEqualTo(regexDnsLabel(name, maxLength));
            }
        }
    }

    private static String regexDnsLabel(String name, int maxLength) throws Exception {
        String cleaned = Pattern.compile("^-|-$").matcher(Pattern.compile("-+").matcher(Pattern.compile("[^a-z0-9-]")
                .matcher(name.toLowerCase(Locale.ENGLISH)).replaceAll("-")).replaceAll("-")).replaceAll("");
        if (cleaned.equals(name) && cleaned.length() <= maxLength) {
            return cleaned;
        }
        int room = maxLength - 1 - 8;
        String cut = Pattern.compile("-$").matcher(cleaned.length() > room ? cleaned.substring(0, room) : cleaned).replaceAll("");
        return (cut.isEmpty() ? "x" : cut) + "-" + sha256(name);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }
}
