package io.datasurface.yaml;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed and checked model files by path, each with the text it was parsed from; a team file keeps the team read from
 * it with its source locations and problems, not its parsed tree. Loading the next version of a model through the same
 * cache parses and reads only the files whose text changed, so a commit that changes one team file of a large model
 * reads one team, and the model's source map shares every other team's locations with the last one.
 * Safe for the parallel parse of one load; one load at a time.
 */
public final class ParsedFileCache {
    private final boolean keeps;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

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

    /** Forgets the files a model no longer has. */
    void retainOnly(Set<String> files) {
        entries.keySet().retainAll(files);
    }

    /** How many files are kept. */
    public int size() {
        return entries.size();
    }
}
