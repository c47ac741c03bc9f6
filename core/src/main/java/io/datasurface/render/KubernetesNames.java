package io.datasurface.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes names and label values made from model names. Both are limited in length and
 * characters; a name that does not fit is cut and given a hash of the full name, so it is stable
 * across runs and still tells two long names apart.
 */
public final class KubernetesNames {
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern NOT_LABEL = Pattern.compile("[^-A-Za-z0-9_.]");
    private static final Pattern LEADING_NON_ALNUM = Pattern.compile("^[^A-Za-z0-9]+");
    private static final Pattern TRAILING_NON_ALNUM = Pattern.compile("[^A-Za-z0-9]+$");
    private static final int HASH_CHARS = 8;
    /** One digest per thread: looking one up from the security providers costs more than hashing a name. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private KubernetesNames() {
    }

    /**
     * An RFC 1123 label (lower-case letters, digits, '-'), at most {@code maxLength} characters. A name
     * that had to be changed gets a hash of itself, so that "orders_db.orders" and "orders-db-orders"
     * stay apart.
     */
    public static String dnsLabel(String name, int maxLength) {
        String cleaned = dnsCharacters(name);
        if (cleaned.equals(name) && cleaned.length() <= maxLength) {
            return cleaned;
        }
        int room = maxLength - 1 - HASH_CHARS;
        String cut = cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
        if (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return (cut.isEmpty() ? "x" : cut) + "-" + hash(name);
    }

    /**
     * The name lower-cased, every run of characters other than a-z, 0-9 and '-' (and of dashes) made one '-', without a
     * dash at either end. A loop rather than regular expressions: a DAG of each of thousands of streams needs two.
     */
    private static String dnsCharacters(String name) {
        String lower = name.toLowerCase(Locale.ENGLISH);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (out.length() == 0 || out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        int start = out.length() > 0 && out.charAt(0) == '-' ? 1 : 0;
        int end = out.length() > start && out.charAt(out.length() - 1) == '-' ? out.length() - 1 : out.length();
        return out.substring(start, end);
    }

    /** The value itself when it is a legal label value, otherwise a legal one with a hash of it. */
    public static String labelValue(String value) {
        if (LABEL_VALUE.matcher(value).matches()) {
            return value;
        }
        String cleaned = LEADING_NON_ALNUM.matcher(NOT_LABEL.matcher(value).replaceAll("_")).replaceAll("");
        int room = 63 - 1 - HASH_CHARS;
        String cut = cleaned.length() > room ? cleaned.substring(0, room) : cleaned;
        cut = TRAILING_NON_ALNUM.matcher(cut).replaceAll("");
        return (cut.isEmpty() ? "x" : cut) + "-" + hash(value);
    }

    private static String hash(String value) {
        byte[] digest = SHA_256.get().digest(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, HASH_CHARS / 2);
    }

}
