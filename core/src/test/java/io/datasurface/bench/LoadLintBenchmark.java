package io.datasurface.bench;

import io.datasurface.lint.ModelLinter;
import io.datasurface.diagnostics.Problem;
import io.datasurface.model.CaptureMetaData;
import io.datasurface.model.ClassificationPolicy;
import io.datasurface.model.Column;
import io.datasurface.model.DataType;
import io.datasurface.model.Dataset;
import io.datasurface.model.DatasetGroup;
import io.datasurface.model.DatasetSink;
import io.datasurface.model.Datastore;
import io.datasurface.model.Documentation;
import io.datasurface.model.Ecosystem;
import io.datasurface.model.GovernanceZone;
import io.datasurface.model.Milestoning;
import io.datasurface.model.Repository;
import io.datasurface.model.Schema;
import io.datasurface.model.Team;
import io.datasurface.model.TeamDeclaration;
import io.datasurface.model.TransactionScope;
import io.datasurface.model.VendorPolicy;
import io.datasurface.model.Workspace;
import io.datasurface.model.ZoneDeclaration;
import io.datasurface.model.ZonePolicies;
import io.datasurface.testfixtures.TestModels;
import io.datasurface.yaml.LoadedModel;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoader;
import io.datasurface.yaml.ModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * Generates a model of 1,000 stores x 40 datasets x 20 columns, writes it to a temporary folder and
 * times reading + schema check + loading, and lint, against a baseline in the same run: parsing the
 * same files into plain maps with SnakeYAML (the least any YAML-based loader must do). Prints the
 * figures; not a test. Run with:
 *
 * <pre>
 * ./mvnw -B -pl core test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.datasurface.bench.LoadLintBenchmark
 * </pre>
 */
public final class LoadLintBenchmark {
    private static final int ZONES = 10;
    private static final int TEAMS_PER_ZONE = 10;
    private static final int STORES_PER_TEAM = 10;
    private static final int DATASETS_PER_STORE = 40;
    private static final int COLUMNS_PER_DATASET = 20;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Ecosystem model = generate();
        Path folder = Files.createTempDirectory("datasurface-bench");
        ModelWriter.write(model, folder);
        ModelFiles files = ModelFiles.fromDirectory(folder);
        long bytes = files.files().values().stream().mapToLong(String::length).sum();
        System.out.printf("model: %d stores x %d datasets x %d columns = %d datasets, %d files, %.1f MB of YAML%n",
                ZONES * TEAMS_PER_ZONE * STORES_PER_TEAM, DATASETS_PER_STORE, COLUMNS_PER_DATASET,
                ZONES * TEAMS_PER_ZONE * STORES_PER_TEAM * DATASETS_PER_STORE, files.files().size(), bytes / 1e6);

        long bestBaseline = Long.MAX_VALUE;
        long bestRead = Long.MAX_VALUE;
        long bestLoad = Long.MAX_VALUE;
        long bestLint = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            long t0 = System.nanoTime();
            int documents = 0;
            for (String text : ModelFiles.fromDirectory(folder).files().values()) {
                Map<?, ?> parsed = new Yaml().load(text);
                documents += parsed.size() > 0 ? 1 : 0;
            }
            long t1 = System.nanoTime();
            ModelFiles read = ModelFiles.fromDirectory(folder);
            long t2 = System.nanoTime();
            LoadedModel loaded = ModelLoader.load(read);
            long t3 = System.nanoTime();
            List<Problem> problems = ModelLinter.lint(loaded.ecosystem().orElseThrow(), loaded.sources());
            long t4 = System.nanoTime();
            if (!loaded.ecosystem().get().equals(model) || problems.stream().anyMatch(Problem::isError) || documents != files.files().size()) {
                throw new IllegalStateException("the generated model did not load back equal and clean: " + problems.stream().limit(5).toList());
            }
            String label = run == 0 ? "warm-up" : "run " + run;
            System.out.printf("%-8s baseline (read + SnakeYAML to maps) %6d ms | read %5d ms, load (parse, schema, records) %6d ms, lint %5d ms, load+lint %6d ms%n",
                    label, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t1));
            if (run > 0) {
                bestBaseline = Math.min(bestBaseline, t1 - t0);
                bestRead = Math.min(bestRead, t2 - t1);
                bestLoad = Math.min(bestLoad, t3 - t2);
                bestLint = Math.min(bestLint, t4 - t3);
            }
        }
        long total = bestRead + bestLoad + bestLint;
        System.out.printf("best of %d: read + load + lint = %d ms (read %d, load %d, lint %d); baseline %d ms; ratio to baseline %.2fx; goal < 2000 ms: %s%n",
                RUNS, ms(total), ms(bestRead), ms(bestLoad), ms(bestLint), ms(bestBaseline), (double) total / bestBaseline, ms(total) < 2000 ? "met" : "NOT met");
        System.out.printf("cores available: %d, max heap %d MB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The benchmark model: 1,000 stores x 40 datasets x 20 columns; each team consumes one dataset per store on platform Prod. */
    public static Ecosystem generate() {
        List<DataType> types = TestModels.everyDataType();
        List<ZoneDeclaration> zoneDeclarations = new ArrayList<>();
        List<GovernanceZone> zones = new ArrayList<>();
        for (int z = 0; z < ZONES; z++) {
            String zoneName = "zone" + z;
            zoneDeclarations.add(new ZoneDeclaration(zoneName, new Repository("https://git.example.com/" + zoneName + ".git", "main")));
            List<TeamDeclaration> declarations = new ArrayList<>();
            List<Team> teams = new ArrayList<>();
            for (int t = 0; t < TEAMS_PER_ZONE; t++) {
                String teamName = "team" + z + "_" + t;
                declarations.add(new TeamDeclaration(teamName, new Repository("https://git.example.com/" + teamName + ".git", "main")));
                List<Datastore> stores = new ArrayList<>();
                List<DatasetSink> sinks = new ArrayList<>();
                for (int s = 0; s < STORES_PER_TEAM; s++) {
                    String storeName = "store" + z + "_" + t + "_" + s;
                    List<Dataset> datasets = new ArrayList<>();
                    for (int d = 0; d < DATASETS_PER_STORE; d++) {
                        List<Column> columns = new ArrayList<>();
                        columns.add(Column.of("id", new DataType.IntegerType(64), false, true));
                        for (int c = 1; c < COLUMNS_PER_DATASET; c++) {
                            columns.add(Column.of("col" + c, types.get(c % types.size()), c % 3 == 0, false));
                        }
                        datasets.add(new Dataset("dataset" + d, Documentation.NONE, "internal", false, new Schema(columns)));
                    }
                    TransactionScope scope = s % 2 == 0 ? TransactionScope.MULTI_DATASET : TransactionScope.SINGLE_DATASET;
                    stores.add(new Datastore(storeName, Documentation.NONE,
                            Optional.of(new CaptureMetaData.DebeziumKafka("cdc." + storeName, scope, Optional.empty())), Optional.empty(), datasets));
                    sinks.add(new DatasetSink(storeName, "dataset" + s));
                }
                Workspace workspace = new Workspace("ws_" + teamName, Documentation.NONE, "Prod",
                        List.of(new DatasetGroup("main", t % 2 == 0 ? Milestoning.MILESTONED : Milestoning.LIVE_ONLY, sinks)));
                teams.add(new Team(teamName, Documentation.NONE, stores, List.of(workspace)));
            }
            zones.add(new GovernanceZone(zoneName, Documentation.NONE,
                    new ZonePolicies(new ClassificationPolicy(List.of("public", "internal"), List.of()), VendorPolicy.ANY), declarations, teams));
        }
        return new Ecosystem("Bench", new Repository("https://git.example.com/bench.git", "main"), Documentation.NONE, List.of(),
                List.of(TestModels.platform("Prod")), zoneDeclarations, zones);
    }
}
