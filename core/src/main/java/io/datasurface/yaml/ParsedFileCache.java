package io.datasurface.yaml;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed and schema-checked model files by path, each with the text it was parsed from. Loading the next version of
 * a model through the same cache parses only the files whose text changed; parsing is most of a load, so a commit that
 * changes one file of a large model loads in a fraction of the time. Safe for the parallel parse of one load.
 */
public final class ParsedFileCache {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(String text, ModelLoader.ParsedFile parsed) {
    }

    ModelLoader.ParsedFile parse(String file, String text) {
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

    /** How many files are kept; for tests. */
    public int size() {
        return entries.size();
    }
}
