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
    private static final Pattern NOT_DNS = Pattern.compile("[^a-z0-9-]");
    private static final Pattern DASHES = Pattern.compile("-+");
    private static final Pattern EDGE_DASH = Pattern.compile("^-|-$");
    private static final Pattern TRAILING_DASH = Pattern.compile("-$");
    private static final Pattern NOT_LABEL = Pattern.compile("[^-A-Za-z0-9_.]");
    private static final Pattern LEADING_NON_ALNUM = Pattern.compile("^[^A-Za-z0-9]+");
    private static final Pattern TRAILING_NON_ALNUM = Pattern.compile("[^A-Za-z0-9]+$");
    private static final int HASH_CHARS = 8;

    private KubernetesNames() {
    }

    /**
     * An RFC 1123 label (lower-case letters, digits, '-'), at most {@code maxLength} characters. A name
     * that had to be changed gets a hash of itself, so that "orders_db.orders" and "orders-db-orders"
     * stay apart.
     */
    public static String dnsLabel(String name, int maxLength) {
        String cleaned = EDGE_DASH.matcher(DASHES.matcher(NOT_DNS.matcher(name.toLowerCase(Locale.ENGLISH)).replaceAll("-")).replaceAll("-"))
                .replaceAll("");
        if (cleaned.equals(name) && cleaned.length() <= maxLength) {
            return cleaned;
        }
        int room = maxLength - 1 - HASH_CHARS;
        String cut = TRAILING_DASH.matcher(cleaned.length() > room ? cleaned.substring(0, room) : cleaned).replaceAll("");
        return (cut.isEmpty() ? "x" : cut) + "-" + hash(name);
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
