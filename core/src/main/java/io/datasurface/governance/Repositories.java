package io.datasurface.governance;

import static java.util.Objects.requireNonNull;

import io.datasurface.model.Repository;

/**
 * Decides whether two repository references name the same repository. A change's source is
 * trusted only when it is exactly an owner, so normalisation is deliberately narrow: scheme and
 * host case, a trailing {@code .git} and trailing slashes. Nothing else is folded; in particular
 * only ASCII letters are lower-cased, so that a lookalike character (a Cyrillic 'а', a Kelvin sign
 * that Java would lower-case to 'k') keeps a URL distinct from the one it imitates.
 */
public final class Repositories {
    private Repositories() {
    }

    /** Same normalised URL and exactly the same branch. */
    public static boolean same(Repository a, Repository b) {
        return a.branch().equals(b.branch()) && normalizedUrl(a.url()).equals(normalizedUrl(b.url()));
    }

    /**
     * {@code HTTPS://GitHub.com/acme/sales-data.git/} becomes {@code https://github.com/acme/sales-data}.
     * The path keeps its case: git hosts differ on whether it matters.
     */
    public static String normalizedUrl(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - ".git".length());
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        int scheme = u.indexOf("://");
        if (scheme < 0) {
            return u;
        }
        int hostStart = scheme + 3;
        int hostEnd = u.indexOf('/', hostStart);
        if (hostEnd < 0) {
            hostEnd = u.length();
        }
        return asciiLowerCase(u.substring(0, hostStart)) + asciiLowerCase(u.substring(hostStart, hostEnd)) + u.substring(hostEnd);
    }

    /**
     * Reads {@code URL@BRANCH}; the branch follows the last '@' so that {@code git@host:repo@main}
     * works.
     *
     * @throws IllegalArgumentException saying what to write when the text has no URL or no branch
     */
    public static Repository parse(String source) {
        requireNonNull(source, "source is null");
        int at = source.lastIndexOf('@');
        if (at <= 0 || at == source.length() - 1) {
            throw new IllegalArgumentException("source '" + source + "' is not URL@BRANCH: write the proposing repository and branch, "
                    + "for example https://github.com/acme/sales-data.git@main");
        }
        return new Repository(source.substring(0, at), source.substring(at + 1));
    }

    private static String asciiLowerCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }
}
