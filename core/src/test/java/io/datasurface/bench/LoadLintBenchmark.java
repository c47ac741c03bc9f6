package io.datasurface.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datasurface.lint.ModelLinter;
import io.datasurface.load.Models;
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
import io.datasurface.yaml.ModelFileEvents;
import io.datasurface.yaml.ModelFiles;
import io.datasurface.yaml.ModelLoader;
import io.datasurface.yaml.ModelWriter;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.Event;

/**
 * Generates a model of 1,000 stores x 40 datasets x 20 columns, writes it to a temporary folder and times reading +
 * schema check + loading, and lint, against the fastest YAML parse of the same files measured in the same run. Each
 * parser reads every file on every core, as the loader does: SnakeYAML's and snakeyaml-engine's event streams (the
 * parser alone, building nothing: the floor of any YAML-based loader), the loader's own model-file scanner (SnakeYAML's
 * events from lines, for the part of YAML model files are written in), SnakeYAML to plain maps and Jackson's YAML module
 * to a JSON tree. First from cold JVMs (a fresh JVM per measurement, in turns, three rounds or -Dbench.rounds), then
 * warm in this JVM (best of 3 after a warm-up). Prints the figures; not a test. Run it outside Maven's JVM (see the
 * README's Benchmarks).
 */
public final class LoadLintBenchmark {
    private static final int ZONES = 10;
    private static final int TEAMS_PER_ZONE = 10;
    private static final int STORES_PER_TEAM = 10;
    private static final int DATASETS_PER_STORE = 40;
    private static final int COLUMNS_PER_DATASET = 20;
    private static final int RUNS = 3;
    /** Rounds of cold JVMs (-Dbench.rounds): a fresh JVM's time swings with when its compiler reaches the parser. */
    private static final int COLD_ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String LOAD_LINT = "load + lint";
    /** The loader's own parse: ModelYamlScanner, and SnakeYAML for any file it gives up on. */
    private static final String SCANNER = "model-file scanner events";
    /** JVM options of every cold run, the same for load + lint and the parses (-Dbench.jvm="-XX:TieredStopAtLevel=1 ..."). */
    private static final List<String> CHILD_JVM_OPTIONS = System.getProperty("bench.jvm", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.jvm").trim().split("\\s+"));

    /** The YAML parses the loader is measured against; each returns a count of what it read, so that nothing is skipped. */
    private static final Map<String, ToLongFunction<String>> PARSES = parses();

    private LoadLintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            coldChild(args[0], Path.of(args[1]));
            return;
        }
        Ecosystem model = generate();
        Path folder = Files.createTempDirectory("datasurface-bench");
        ModelWriter.write(model, folder);
        ModelFiles files = ModelFiles.fromDirectory(folder);
        long bytes = files.files().values().stream().mapToLong(String::length).sum();
        System.out.printf("model: %d stores x %d datasets x %d columns = %d datasets, %d files, %.1f MB of YAML%n",
                ZONES * TEAMS_PER_ZONE * STORES_PER_TEAM, DATASETS_PER_STORE, COLUMNS_PER_DATASET,
                ZONES * TEAMS_PER_ZONE * STORES_PER_TEAM * DATASETS_PER_STORE, files.files().size(), bytes / 1e6);
        System.out.printf("cores available: %d, max heap %d MB, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());

        cold(folder);
        warm(folder, model, files.files().size());
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    /**
     * Each measurement in a fresh JVM, in turns, so that load on the machine falls on all of them alike. Beside the wall
     * time, each reports the CPU time of its whole process (every thread, the collector's and the compilers' included),
     * which other processes on a shared machine disturb far less.
     */
    private static void cold(Path folder) throws Exception {
        List<String> measured = new ArrayList<>(PARSES.keySet());
        measured.add(0, LOAD_LINT);
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> generalRatios = new ArrayList<>();
        List<Long> loadLints = new ArrayList<>();
        List<Long> fastestParses = new ArrayList<>();
        for (int round = 1; round <= COLD_ROUNDS; round++) {
            Map<String, long[]> figures = new LinkedHashMap<>();
            for (String what : measured) {
                figures.put(what, coldRun(what, folder));
            }
            long[] loadLint = figures.remove(LOAD_LINT);
            Map.Entry<String, long[]> fastest = fastest(figures, name -> true);
            Map.Entry<String, long[]> fastestGeneral = fastest(figures, name -> !name.equals(SCANNER));
            long fastestCpu = figures.values().stream().mapToLong(f -> f[1]).min().orElseThrow();
            double ratio = (double) loadLint[0] / fastest.getValue()[0];
            double cpuRatio = (double) loadLint[1] / fastestCpu;
            ratios.add(ratio);
            cpuRatios.add(cpuRatio);
            double generalRatio = (double) loadLint[0] / fastestGeneral.getValue()[0];
            generalRatios.add(generalRatio);
            loadLints.add(loadLint[0]);
            fastestParses.add(fastest.getValue()[0]);
            System.out.printf("cold round %d: %s %d ms (cpu %d ms) | %s | load + lint / fastest parse: %.2fx wall (%s), %.2fx cpu; "
                    + "/ fastest general YAML parser: %.2fx (%s) (load average %s)%n",
                    round, LOAD_LINT, loadLint[0], loadLint[1], figures.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()[0] + " ms (cpu " + e.getValue()[1] + " ms)").collect(Collectors.joining(", ")),
                    ratio, fastest.getKey(), cpuRatio, generalRatio, fastestGeneral.getKey(), loadAverage());
        }
        double ratio = median(ratios);
        long loadLint = loadLints.stream().sorted().toList().get(loadLints.size() / 2);
        long fastestParse = fastestParses.stream().sorted().toList().get(fastestParses.size() / 2);
        // The goal: 2 s, or, where parsing alone takes longer than that, 1.3 times the fastest parse.
        String verdict = fastestParse <= 2000
                ? "goal <= 2000 ms, as the fastest parse takes " + fastestParse + " ms: " + (loadLint <= 2000 ? "met" : "NOT met")
                : "goal <= 1.30x the fastest parse, as it takes " + fastestParse + " ms: " + (ratio <= 1.30 ? "met" : "NOT met");
        System.out.printf("cold, median of %d: load + lint %d ms; %.2fx the fastest YAML parse of the same round in wall time, %.2fx in cpu time, "
                + "%.2fx the fastest general YAML parser's; %s%n", COLD_ROUNDS, loadLint, ratio, median(cpuRatios), median(generalRatios), verdict);
    }

    private static Map.Entry<String, long[]> fastest(Map<String, long[]> figures, java.util.function.Predicate<String> among) {
        return figures.entrySet().stream().filter(e -> among.test(e.getKey())).min(Comparator.comparingLong(e -> e.getValue()[0])).orElseThrow();
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** Runs one cold measurement in a new JVM with this class path; returns its wall and cpu milliseconds. */
    private static long[] coldRun(String what, Path folder) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadLintBenchmark.class.getName(), what, folder.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || !output.startsWith("millis ")) {
            throw new IllegalStateException("the cold run of " + what + " failed: " + output);
        }
        String[] figures = output.substring("millis ".length()).split(" cpu ");
        return new long[] {Long.parseLong(figures[0]), Long.parseLong(figures[1])};
    }

    /** In a fresh JVM: reads the files and does one thing with them, timed from the start of main. */
    private static void coldChild(String what, Path folder) throws Exception {
        long start = System.nanoTime();
        ModelFiles files = ModelFiles.fromDirectory(folder);
        if (what.equals(LOAD_LINT)) {
            LoadedModel loaded = Models.loadAndLint(files);
            long took = System.nanoTime() - start;
            long cpu = processCpuNanos();
            if (loaded.hasErrors()) {
                throw new IllegalStateException("the generated model did not load clean: " + loaded.errors().stream().limit(5).toList());
            }
            System.out.println("millis " + ms(took) + " cpu " + ms(cpu));
        } else {
            long read = parseAll(PARSES.get(what), files);
            long took = System.nanoTime() - start;
            long cpu = processCpuNanos();
            if (read == 0) {
                throw new IllegalStateException(what + " read nothing");
            }
            System.out.println("millis " + ms(took) + " cpu " + ms(cpu));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void warm(Path folder, Ecosystem model, int fileCount) throws Exception {
        Map<String, Long> bestParse = new LinkedHashMap<>();
        long bestRead = Long.MAX_VALUE;
        long bestLoad = Long.MAX_VALUE;
        long bestLint = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            StringBuilder parses = new StringBuilder();
            for (Map.Entry<String, ToLongFunction<String>> parse : PARSES.entrySet()) {
                long t0 = System.nanoTime();
                parseAll(parse.getValue(), ModelFiles.fromDirectory(folder));
                long took = System.nanoTime() - t0;
                parses.append(String.format("%s %d ms, ", parse.getKey(), ms(took)));
                if (run > 0) {
                    bestParse.merge(parse.getKey(), took, Math::min);
                }
            }
            long t1 = System.nanoTime();
            ModelFiles read = ModelFiles.fromDirectory(folder);
            long t2 = System.nanoTime();
            LoadedModel loaded = ModelLoader.load(read);
            long t3 = System.nanoTime();
            List<Problem> problems = ModelLinter.lint(loaded.ecosystem().orElseThrow(), loaded.sources());
            long t4 = System.nanoTime();
            if (!loaded.ecosystem().get().equals(model) || problems.stream().anyMatch(Problem::isError) || read.files().size() != fileCount) {
                throw new IllegalStateException("the generated model did not load back equal and clean: " + problems.stream().limit(5).toList());
            }
            String label = run == 0 ? "warm-up" : "run " + run;
            System.out.printf("%-8s parses (read + parse): %s| read %5d ms, load (parse, schema, records) %6d ms, lint %5d ms, load+lint %6d ms%n",
                    label, parses, ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t1));
            if (run > 0) {
                bestRead = Math.min(bestRead, t2 - t1);
                bestLoad = Math.min(bestLoad, t3 - t2);
                bestLint = Math.min(bestLint, t4 - t3);
            }
        }
        long total = bestRead + bestLoad + bestLint;
        Map.Entry<String, Long> fastest = bestParse.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        System.out.printf("warm, best of %d: read + load + lint = %d ms (read %d, load %d, lint %d); fastest parse: %s %d ms; ratio %.2fx%n",
                RUNS, ms(total), ms(bestRead), ms(bestLoad), ms(bestLint), fastest.getKey(), ms(fastest.getValue()), (double) total / fastest.getValue());
    }

    /** Parses every file with the parse, on every core as the loader does; returns what it counted. */
    private static long parseAll(ToLongFunction<String> parse, ModelFiles files) {
        return files.files().values().parallelStream().mapToLong(parse).sum();
    }

    private static Map<String, ToLongFunction<String>> parses() {
        Map<String, ToLongFunction<String>> parses = new LinkedHashMap<>();
        parses.put("SnakeYAML events", text -> {
            long events = 0;
            for (Event event : new Yaml().parse(new StringReader(text))) {
                events += event != null ? 1 : 0;
            }
            return events;
        });
        parses.put("snakeyaml-engine events", text -> {
            LoadSettings settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build();
            ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
            long events = 0;
            while (parser.hasNext()) {
                events += parser.next() != null ? 1 : 0;
            }
            return events;
        });
        parses.put(SCANNER, ModelFileEvents::count);
        parses.put("SnakeYAML to maps", text -> ((Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text)).size());
        parses.put("Jackson YAML to a tree", text -> {
            try {
                return Jackson.MAPPER.readTree(text).size();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return parses;
    }

    /**
     * Made on first use, by the Jackson parse's cold run only (its time includes making it, as SnakeYAML's include
     * making their parsers). Made in every cold run's class initialisation, before its clock starts, it charged its
     * cpu to every run and loaded Jackson's classes for the load + lint run, which uses some of them, untimed.
     * (jackson-dataformat-yaml comes with the JSON Schema validator.)
     */
    private static final class Jackson {
        static final YAMLMapper MAPPER = new YAMLMapper();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
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
