package io.datasurface.kpsg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Makes PostgreSQL identifiers from model names: lower-case, characters other than
 * {@code [a-z0-9_]} become '_', starting with a letter, at most 63 bytes. A name that is too long,
 * or that must be told apart from another that maps to the same identifier, is cut and given a
 * suffix from a hash of the full name, so the identifier is the same on every run.
 */
public final class PostgresNames {
    public static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int HASH_CHARS = 8;

    private PostgresNames() {
    }

    /** The identifier for a name; the name itself when it is already a legal lower-case identifier. */
    public static String identifier(String name) {
        return fit(sanitize(name), "", name);
    }

    /**
     * The identifier {@code <base><suffix>}, cutting the base (never the suffix) when the whole is
     * too long; {@code fullName} is what the hash is taken of.
     */
    public static String fit(String base, String suffix, String fullName) {
        String candidate = base + suffix;
        if (candidate.length() <= MAX_IDENTIFIER_BYTES) {
            return candidate;
        }
        return hashed(base, suffix, fullName);
    }

    /** {@code <cut base>_<hash><suffix>}, at most 63 bytes, whatever the lengths. */
    public static String hashed(String base, String suffix, String fullName) {
        String hash = "_" + hash(fullName);
        int room = MAX_IDENTIFIER_BYTES - hash.length() - suffix.length();
        String cut = base.length() > room ? base.substring(0, room) : base;
        return cut + hash + suffix;
    }

    /** Lower-cases, replaces characters other than [a-z0-9_] and makes sure the result starts with a letter. */
    public static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ENGLISH).toCharArray()) {
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        if (out.length() == 0 || !(out.charAt(0) >= 'a' && out.charAt(0) <= 'z')) {
            out.insert(0, "n_");
        }
        return out.toString();
    }

    static String hash(String fullName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fullName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Quotes an identifier for SQL, doubling embedded quotes. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
