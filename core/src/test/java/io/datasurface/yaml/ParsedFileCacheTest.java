package io.datasurface.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.load.Models;
import io.datasurface.testfixtures.Examples;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ParsedFileCacheTest {

    @Test
    void reloadThroughTheCacheGivesTheModelOfTheNewTexts() throws Exception {
        ModelFiles acme = ModelFiles.fromDirectory(Examples.acme());
        ParsedFileCache cache = new ParsedFileCache();
        Models.loadAndLint(acme, cache);
        SortedMap<String, String> changed = new TreeMap<>(acme.files());
        changed.put("zones/USA/teams/sales.yaml", changed.get("zones/USA/teams/sales.yaml").replace("{name: id, type: bigint, key: true}",
                "{name: id, type: bigint, key: true}\n          - {name: phone, type: varchar(30), nullable: true}"));

        LoadedModel reloaded = Models.loadAndLint(ModelFiles.of("changed", changed), cache);

        LoadedModel fresh = Models.loadAndLint(ModelFiles.of("fresh", changed));
        assertThat(reloaded.ecosystem()).isEqualTo(fresh.ecosystem()).isNotEqualTo(Models.loadAndLint(acme).ecosystem());
        assertThat(reloaded.sources()).isEqualTo(fresh.sources());
        assertThat(reloaded.problems()).isEqualTo(fresh.problems());
    }

    @Test
    void fileThatBecameInvalidIsReportedNotTakenFromTheCache() throws Exception {
        ModelFiles acme = ModelFiles.fromDirectory(Examples.acme());
        ParsedFileCache cache = new ParsedFileCache();
        Models.loadAndLint(acme, cache);
        SortedMap<String, String> broken = new TreeMap<>(acme.files());
        broken.put("zones/USA/teams/sales.yaml", broken.get("zones/USA/teams/sales.yaml").replace("kind: Team", "kind: Tem"));

        assertThat(Models.loadAndLint(ModelFiles.of("broken", broken), cache).errors()).isNotEmpty();
    }

    @Test
    void removedFilesAreForgotten() throws Exception {
        ModelFiles acme = ModelFiles.fromDirectory(Examples.acme());
        ParsedFileCache cache = new ParsedFileCache();
        Models.loadAndLint(acme, cache);
        SortedMap<String, String> fewer = new TreeMap<>(acme.files());
        fewer.remove("zones/USA/teams/marketing.yaml");

        Models.loadAndLint(ModelFiles.of("fewer", fewer), cache);

        assertThat(cache.size()).isEqualTo(fewer.size());
    }
}
