package io.datasurface.governance;

import io.datasurface.diagnostics.Problem;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.ModelPaths;
import io.datasurface.model.ObjectPath;
import io.datasurface.model.Repository;
import io.datasurface.model.SourceLocation;
import io.datasurface.model.SourceMap;
import io.datasurface.model.Workspace;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a proposed model (head) may replace the live one (base) when proposed from a
 * given repository:
 * <ol>
 * <li>the head model lints without errors;</li>
 * <li>the source owns something in the base model;</li>
 * <li>every change comes from the owner of the part it changes ({@link OwnershipRules});</li>
 * <li>every dataset in both models keeps a compatible schema ({@link SchemaCompatibility});</li>
 * <li>no dataset or datastore that a workspace uses is removed.</li>
 * </ol>
 * All violations are reported together.
 */
public final class ChangeChecker {

    private ChangeChecker() {
    }

    /**
     * The check of the models, and of the files they were read from: a file whose bytes changed from
     * a repository that does not own its part is a violation even where the model stayed equal.
     * Files that already have a violation are not reported twice.
     */
    public static ChangeCheck check(Ecosystem base, SourceMap baseSources, LoadedModel head, Repository source, ModelFiles baseFiles,
            ModelFiles headFiles) {
        ChangeCheck models = check(base, baseSources, head, source);
        Set<String> reported = new HashSet<>();
        models.violations().forEach(v -> v.location().ifPresent(l -> reported.add(l.file())));
        List<Violation> violations = new ArrayList<>(models.violations());
        for (Violation v : FileOwnership.foreignEdits(baseFiles, headFiles, new Owners(base, head.ecosystem()), source)) {
            if (v.location().map(l -> !reported.contains(l.file())).orElse(true)) {
                violations.add(v);
            }
        }
        return new ChangeCheck(source, models.changes(), violations);
    }

    public static ChangeCheck check(Ecosystem base, SourceMap baseSources, LoadedModel head, Repository source) {
        Owners owners = new Owners(base, head.ecosystem());
        List<Violation> violations = new ArrayList<>();
        for (Problem problem : head.errors()) {
            violations.add(new Violation.LintError(problem, owners.of(problem.path()), source));
        }
        if (!owners.isKnown(source)) {
            violations.add(new Violation.UnknownSource(source, owners.all()));
        }
        if (head.ecosystem().isEmpty()) {
            return new ChangeCheck(source, List.of(), violations);
        }
        Ecosystem after = head.ecosystem().get();
        List<OwnedChange> changes = OwnershipRules.changes(base, after);
        for (OwnedChange c : changes) {
            if (!Repositories.same(c.owner(), source)) {
                violations.add(new Violation.UnauthorizedChange(c.change(), c.owner(), source,
                        locate(c.change().path(), head.sources(), baseSources)));
            }
        }
        checkDatasets(base, after, owners, source, head.sources(), baseSources, violations);
        return new ChangeCheck(source, changes, violations);
    }

    private static void checkDatasets(Ecosystem base, Ecosystem head, Owners owners, Repository source, SourceMap headSources,
            SourceMap baseSources, List<Violation> violations) {
        for (Ecosystem.TeamInZone producer : base.teams()) {
            String zone = producer.zone().name();
            String team = producer.team().name();
            Repository owner = owners.team(zone, team);
            for (Datastore store : producer.team().datastores()) {
                Optional<Ecosystem.StoreInTeam> storeNow = head.datastore(store.name());
                if (storeNow.isEmpty()) {
                    List<String> users = store.datasets().stream().flatMap(d -> users(head, store.name(), d.name()).stream()).distinct().toList();
                    if (!users.isEmpty()) {
                        ObjectPath path = ModelPaths.datastore(zone, team, store.name());
                        violations.add(new Violation.RemovedWhileUsed(path, "datastore removed while " + String.join(", ", users)
                                + " still use its datasets: those workspaces must drop their sinks first", owner, source,
                                locate(path, headSources, baseSources)));
                    }
                    continue;
                }
                Ecosystem.StoreInTeam now = storeNow.get();
                for (Dataset dataset : store.datasets()) {
                    Optional<Dataset> datasetNow = now.store().dataset(dataset.name());
                    if (datasetNow.isEmpty()) {
                        List<String> users = users(head, store.name(), dataset.name());
                        if (!users.isEmpty()) {
                            ObjectPath path = ModelPaths.dataset(zone, team, store.name(), dataset.name());
                            violations.add(new Violation.RemovedWhileUsed(path, "dataset removed while " + String.join(", ", users)
                                    + " still use it: those workspaces must drop their sinks first", owner, source,
                                    locate(path, headSources, baseSources)));
                        }
                        continue;
                    }
                    ObjectPath path = ModelPaths.dataset(now.zone().name(), now.team().name(), store.name(), dataset.name());
                    for (ModelChange c : SchemaCompatibility.check(path, dataset.schema(), datasetNow.get().schema())) {
                        violations.add(new Violation.IncompatibleSchema(c.path(), c.description(), owners.of(path), source,
                                locate(c.path(), headSources, baseSources)));
                    }
                }
            }
        }
    }

    /** The workspaces of the head model that consume the dataset, named by their path. */
    private static List<String> users(Ecosystem head, String store, String dataset) {
        DatasetSink wanted = new DatasetSink(store, dataset);
        List<String> users = new ArrayList<>();
        for (Ecosystem.TeamInZone consumer : head.teams()) {
            for (Workspace workspace : consumer.team().workspaces()) {
                if (workspace.groups().stream().map(DatasetGroup::sinks).anyMatch(s -> s.contains(wanted))) {
                    users.add(ModelPaths.workspace(consumer.zone().name(), consumer.team().name(), workspace.name()).toString());
                }
            }
        }
        return users.stream().distinct().collect(Collectors.toList());
    }

    /** Where the object is in the head files, else where it was in the base files, else its nearest ancestor in the head. */
    private static Optional<SourceLocation> locate(ObjectPath path, SourceMap head, SourceMap base) {
        Optional<SourceLocation> exact = head.location(path);
        if (exact.isPresent()) {
            return exact;
        }
        Optional<SourceLocation> before = base.location(path);
        return before.isPresent() ? before : head.locate(path);
    }
}
