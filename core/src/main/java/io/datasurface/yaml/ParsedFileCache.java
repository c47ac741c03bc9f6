package io.datasurface.yaml;

import io.datasurface.diagnostics.Problem;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.Team;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed and schema-checked model files by path, each with the text it was parsed from, and the team read from each
 * team file with its source locations and problems. Loading the next version of a model through the same cache parses
 * and reads only the files whose text changed, so a commit that changes one team file of a large model reads one team.
 * Safe for the parallel parse of one load; one load at a time.
 */
public final class ParsedFileCache {
    private final boolean keeps;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, TeamEntry> teams = new ConcurrentHashMap<>();

    /** A cache for successive loads of one model. */
    public ParsedFileCache() {
        this(true);
    }

    private ParsedFileCache(boolean keeps) {
        this.keeps = keeps;
    }

    /** For a single load: keeps nothing, so it costs nothing. */
    static ParsedFileCache none() {
        return new ParsedFileCache(false);
    }

    private record Entry(String text, ModelLoader.ParsedFile parsed) {
    }

    /** A team as read from one parsed document in one zone; the document's identity stands for its text. */
    private record TeamEntry(YamlDocument document, String zone, Team team, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) {
    }

    ModelLoader.ParsedFile parse(String file, String text) {
        if (!keeps) {
            return ModelLoader.ParsedFile.parse(file, text);
        }
        Entry entry = entries.get(file);
        // The same text is usually the same String (model-service keeps file texts by git blob id), so equals is cheap.
        if (entry != null && (entry.text() == text || entry.text().equals(text))) {
            return entry.parsed();
        }
        ModelLoader.ParsedFile parsed = ModelLoader.ParsedFile.parse(file, text);
        entries.put(file, new Entry(text, parsed));
        return parsed;
    }

    /** The team of a team file, read again only when its document or zone changed; its locations and problems go where a read puts them. */
    Team team(YamlDocument document, String zone, Map<ObjectPath, SourceLocation> sources, List<Problem> problems) {
        if (!keeps) {
            return new ModelReader(document, sources, problems).team(zone);
        }
        TeamEntry entry = teams.get(document.file());
        if (entry == null || entry.document() != document || !entry.zone().equals(zone)) {
            Map<ObjectPath, SourceLocation> teamSources = new HashMap<>();
            List<Problem> teamProblems = new ArrayList<>();
            Team team = new ModelReader(document, teamSources, teamProblems).team(zone);
            entry = new TeamEntry(document, zone, team, teamSources, List.copyOf(teamProblems));
            teams.put(document.file(), entry);
        }
        sources.putAll(entry.sources());
        problems.addAll(entry.problems());
        return entry.team();
    }

    /** Forgets the files a model no longer has. */
    void retainOnly(Set<String> files) {
        entries.keySet().retainAll(files);
        teams.keySet().retainAll(files);
    }

    /** How many files are kept. */
    public int size() {
        return entries.size();
    }
}
