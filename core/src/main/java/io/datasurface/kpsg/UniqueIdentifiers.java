package io.datasurface.kpsg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each of a set of model names its own PostgreSQL identifier. A name that already is a legal
 * identifier keeps it unless another name claims the same one; every other name in a clash gets a
 * hashed suffix. The outcome for a name depends only on the names it clashes with, so adding an
 * unrelated dataset never renames an existing table.
 */
public final class UniqueIdentifiers {
    private UniqueIdentifiers() {
    }

    /** A model name to map: {@code fullName} is hashed, {@code base} is its sanitized form. */
    public record Candidate(String fullName, String base, boolean exact) {
    }

    /** Maps each candidate's full name to an identifier of at most {@code maxLength} bytes, avoiding the reserved ones. */
    public static Map<String, String> assign(List<Candidate> candidates, Set<String> reserved, int maxLength) {
        Map<String, List<Candidate>> byBase = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            byBase.computeIfAbsent(c.base(), b -> new ArrayList<>()).add(c);
        }
        Map<String, String> assigned = new HashMap<>();
        for (Map.Entry<String, List<Candidate>> group : byBase.entrySet()) {
            List<Candidate> members = group.getValue();
            long exactMembers = members.stream().filter(Candidate::exact).count();
            for (Candidate c : members) {
                boolean keepsPlain = !reserved.contains(c.base()) && (members.size() == 1 || (c.exact() && exactMembers == 1));
                String suffixPadding = "x".repeat(PostgresNames.MAX_IDENTIFIER_BYTES - maxLength);
                String name = keepsPlain
                        ? PostgresNames.fit(c.base(), suffixPadding, c.fullName())
                        : PostgresNames.hashed(c.base(), suffixPadding, c.fullName());
                assigned.put(c.fullName(), name.substring(0, name.length() - suffixPadding.length()));
            }
        }
        return assigned;
    }
}
