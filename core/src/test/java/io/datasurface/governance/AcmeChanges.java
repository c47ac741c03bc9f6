package io.datasurface.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.lint.ModelLinter;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.Repository;
import io.datasurface.testfixtures.Examples;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import java.util.Map;
import java.util.TreeMap;

/** The acme example as a live model, and proposed versions of it made by editing its YAML text. */
final class AcmeChanges {
    static final Repository ECOSYSTEM = new Repository("https://github.com/acme/datasurface-model.git", "main");
    static final Repository USA = new Repository("https://github.com/acme/usa-zone.git", "main");
    static final Repository SALES = new Repository("https://github.com/acme/sales-data.git", "main");
    static final Repository MARKETING = new Repository("https://github.com/acme/marketing-data.git", "main");
    static final String SALES_FILE = "zones/USA/teams/sales.yaml";

    private final Map<String, String> files;

    private AcmeChanges(Map<String, String> files) {
        this.files = files;
    }

    static AcmeChanges base() {
        try {
            return new AcmeChanges(new TreeMap<>(ModelFiles.fromDirectory(Examples.acme()).files()));
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces one exact piece of text in a file; the text must be there. */
    AcmeChanges edit(String file, String from, String to) {
        String text = files.get(file);
        assertThat(text).as(file).contains(from);
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(file, text.replace(from, to));
        return new AcmeChanges(copy);
    }

    AcmeChanges put(String file, String text) {
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(file, text);
        return new AcmeChanges(copy);
    }

    AcmeChanges remove(String file) {
        Map<String, String> copy = new TreeMap<>(files);
        assertThat(copy.remove(file)).as(file).isNotNull();
        return new AcmeChanges(copy);
    }

    LoadedModel load() {
        try {
            return ModelLinter.loadAndLint(ModelFiles.of("acme", files));
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    Ecosystem ecosystem() {
        return load().ecosystem().orElseThrow();
    }

    ChangeCheck proposedBy(Repository source, AcmeChanges base) {
        LoadedModel live = base.load();
        return ChangeChecker.check(live.ecosystem().orElseThrow(), live.sources(), load(), source);
    }
}
