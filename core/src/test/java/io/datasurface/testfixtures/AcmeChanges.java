package io.datasurface.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasurface.governance.ChangeCheck;
import io.datasurface.governance.ChangeChecker;
import io.datasurface.load.Models;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.Repository;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoadException;
import java.util.Map;
import java.util.TreeMap;

/** The acme example as a live model, and proposed versions of it made by editing its YAML text. */
public final class AcmeChanges {
    public static final Repository ECOSYSTEM = new Repository("https://github.com/acme/datasurface-model.git", "main");
    public static final Repository USA = new Repository("https://github.com/acme/usa-zone.git", "main");
    public static final Repository SALES = new Repository("https://github.com/acme/sales-data.git", "main");
    public static final Repository MARKETING = new Repository("https://github.com/acme/marketing-data.git", "main");
    public static final String SALES_FILE = "zones/USA/teams/sales.yaml";

    private final Map<String, String> files;

    private AcmeChanges(Map<String, String> files) {
        this.files = files;
    }

    public static AcmeChanges base() {
        try {
            return new AcmeChanges(new TreeMap<>(ModelFiles.fromDirectory(Examples.acme()).files()));
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces one exact piece of text in a file; the text must be there. */
    public AcmeChanges edit(String file, String from, String to) {
        String text = files.get(file);
        assertThat(text).as(file).contains(from);
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(file, text.replace(from, to));
        return new AcmeChanges(copy);
    }

    public AcmeChanges put(String file, String text) {
        Map<String, String> copy = new TreeMap<>(files);
        copy.put(file, text);
        return new AcmeChanges(copy);
    }

    public AcmeChanges remove(String file) {
        Map<String, String> copy = new TreeMap<>(files);
        assertThat(copy.remove(file)).as(file).isNotNull();
        return new AcmeChanges(copy);
    }

    public LoadedModel load() {
        try {
            return Models.loadAndLint(ModelFiles.of("acme", files));
        } catch (ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    public Ecosystem ecosystem() {
        return load().ecosystem().orElseThrow();
    }

    public ChangeCheck proposedBy(Repository source, AcmeChanges base) {
        LoadedModel live = base.load();
        return ChangeChecker.check(live.ecosystem().orElseThrow(), live.sources(), load(), source, ModelFiles.of("acme", base.files),
                ModelFiles.of("acme", files));
    }
}
