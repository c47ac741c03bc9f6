package io.datasurface.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datasurface.diagnostics.Problem;
import io.datasurface.testfixtures.Examples;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import io.datasurface.yaml.ParsedFileCache;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A model re-checked through a cache (as model-service re-checks each commit of its live branch: only changed files are
 * parsed and read, every other team's records and locations are reused) gives exactly what a full load and lint of the
 * same files gives: the model, every object's location, and every problem with its location, in order. The edits run
 * one after the other through one cache, and include problems that a change in one file causes in files that did not
 * change.
 */
class IncrementalRecheckTest {
    private static final String SALES = "zones/USA/teams/sales.yaml";
    private static final String MARKETING = "zones/USA/teams/marketing.yaml";
    private static final String ANALYTICS = "zones/EU/teams/analytics.yaml";
    private static final String USA = "zones/USA/zone.yaml";

    private final ParsedFileCache cache = new ParsedFileCache();
    private SortedMap<String, String> files;

    @Test
    void everyEditRecheckedThroughTheCacheEqualsAFullLoadAndLint() throws Exception {
        files = new TreeMap<>(ModelFiles.fromDirectory(Examples.acme()).files());
        SortedMap<String, String> original = new TreeMap<>(files);
        assertThat(recheck()).noneMatch(Problem::isError);

        edit(SALES, t -> t.replace("{name: id, type: bigint, key: true}",
                "{name: id, type: bigint, key: true}\n          - {name: phone, type: varchar(30), nullable: true}"));
        assertThat(recheck()).noneMatch(Problem::isError);

        edit(SALES, t -> t.replace("{name: email, type: varchar(200), nullable: true}", "{name: email, type: varchar(200), nullable: true, key: true}"));
        assertThat(recheck()).anyMatch(p -> p.isError() && p.rule().equals("primary-key") && p.location().orElseThrow().file().equals(SALES));

        // A store's dataset renamed: the sinks of the teams that consume it break in files that did not change.
        edit(SALES, t -> t.replace("      - name: orders\n", "      - name: orders_v2\n"));
        assertThat(recheck()).anyMatch(p -> p.isError() && p.rule().equals("reference") && p.location().orElseThrow().file().equals(ANALYTICS));

        // A zone's policy tightened: a workspace of another zone may no longer consume its internal data.
        edit(SALES, t -> t.replace("      - name: orders_v2\n", "      - name: orders\n"));
        edit(USA, t -> t.replace("restrictedToZone: [pii]", "restrictedToZone: [pii, internal]"));
        assertThat(recheck()).anyMatch(p -> p.isError() && p.rule().equals("classification") && p.location().orElseThrow().file().equals(ANALYTICS));

        // Another team defines a store of a name already taken.
        edit(USA, t -> t.replace("restrictedToZone: [pii, internal]", "restrictedToZone: [pii]"));
        edit(MARKETING, t -> t.replace("datastores:\n", "datastores:\n  - name: orders_db\n    capture: {kind: debezium, topicPrefix: cdc.orders_db2}\n"
                + "    datasets:\n      - name: copies\n        classification: internal\n        columns:\n          - {name: id, type: bigint, key: true}\n"));
        assertThat(recheck()).anyMatch(p -> p.isError() && p.rule().equals("name"));

        edit(MARKETING, t -> original.get(MARKETING));
        edit(SALES, t -> t.replace("kind: Team", "kind: Tem"));
        assertThat(recheck()).anyMatch(p -> p.isError() && p.location().orElseThrow().file().equals(SALES));

        edit(SALES, t -> t.replace("kind: Tem", "kind: Team"));
        files.remove(SALES);
        assertThat(recheck()).anyMatch(p -> p.isError() && p.rule().equals("reference"));

        files.put(SALES, original.get(SALES));
        edit(ANALYTICS, t -> t.replace("platform: Prod", "platform: Prod\n  broken: [unclosed"));
        assertThatThrownBy(() -> Models.loadAndLint(ModelFiles.of("edit", files), cache)).isInstanceOf(ModelLoadException.class)
                .hasMessage(catchThrowable(() -> Models.loadAndLint(ModelFiles.of("edit", files))).getMessage());

        files = new TreeMap<>(original);
        assertThat(recheck()).isEqualTo(Models.loadAndLint(ModelFiles.of("edit", original)).problems()).noneMatch(Problem::isError);
    }

    private void edit(String file, UnaryOperator<String> change) {
        String before = files.get(file);
        String after = change.apply(before);
        assertThat(after).as("the edit of %s changes it", file).isNotEqualTo(before);
        files.put(file, after);
    }

    /** The files re-checked through the cache, compared whole with a full load and lint; returns the problems. */
    private List<Problem> recheck() throws ModelLoadException {
        LoadedModel incremental = Models.loadAndLint(ModelFiles.of("edit", files), cache);
        LoadedModel full = Models.loadAndLint(ModelFiles.of("edit", files));
        assertThat(incremental.ecosystem()).isEqualTo(full.ecosystem());
        assertThat(incremental.sources()).isEqualTo(full.sources());
        assertThat(incremental.problems()).isEqualTo(full.problems());
        assertThat(cache.size()).isEqualTo(files.size());
        return incremental.problems();
    }
}
