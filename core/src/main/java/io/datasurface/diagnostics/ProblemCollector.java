package io.datasurface.diagnostics;

import io.datasurface.model.ObjectPath;
import io.datasurface.model.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Gathers the problems of one lint run, locating each object in its file. */
public final class ProblemCollector {
    private final SourceMap sources;
    private final List<Problem> problems = new ArrayList<>();

    public ProblemCollector(SourceMap sources) {
        this.sources = sources;
    }

    public void error(String rule, ObjectPath path, String message) {
        add(Severity.ERROR, rule, path, message);
    }

    public void warning(String rule, ObjectPath path, String message) {
        add(Severity.WARNING, rule, path, message);
    }

    public void info(String rule, ObjectPath path, String message) {
        add(Severity.INFO, rule, path, message);
    }

    private void add(Severity severity, String rule, ObjectPath path, String message) {
        problems.add(new Problem(severity, rule, path, sources.locate(path), message));
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
