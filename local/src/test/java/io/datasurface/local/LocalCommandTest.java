package io.datasurface.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandTest {
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void helpExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(LocalCommand.run(new String[] {"--help"}, new PrintStream(out), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: bin/demo");
    }

    @Test
    void unusableOptionsExitTwoAndSayWhatToFix() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(LocalCommand.run(new String[] {"--rate", "fast"}, System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rate must be a number");
        err.reset();
        assertThat(LocalCommand.run(new String[] {"--model", "no/such/folder"}, System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no model in no/such/folder");
    }

    /**
     * Ctrl-C is SIGINT: the JVM's shutdown hook stops every part, the services' JVMs and the merge pods included. Nothing
     * may be left running, listening or on disk.
     */
    @Test
    void ctrlCStopsEverythingAndLeavesNoProcessPortOrFolderBehind(@TempDir Path tmp) throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + javaTmp, "-Dorg.jboss.logging.provider=slf4j",
                "-D" + ServiceJars.ROOT_PROPERTY + "=" + Path.of(System.getProperty(ServiceJars.ROOT_PROPERTY, "..")).toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), LocalCommand.class.getName(),
                "--model", SharedPlatform.MODEL.toString(), "--duration", "10m", "--merge-every", "2s", "--out", tmp.resolve("out").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader: " + e);
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines.stream().noneMatch(l -> l.contains("batch(es) merged")) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(200);
        }
        assertThat(lines).as("the platform runs and merges").anyMatch(l -> l.contains("batch(es) merged"));
        while (lines.stream().noneMatch(l -> l.startsWith("local: slack")) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(200);
        }
        assertThat(lines).as("the services run: the notifier posted an event to the Slack stand-in").anyMatch(l -> l.startsWith("local: slack"));
        List<Integer> ports = new ArrayList<>();
        lines.stream().filter(l -> l.startsWith("local: PostgreSQL") || l.startsWith("local: Kafka broker")).forEach(l -> {
            Matcher m = PORT.matcher(l);
            if (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        });
        assertThat(ports).hasSize(2);
        List<ProcessHandle> children = process.descendants().toList();

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("stopped after Ctrl-C").isTrue();
        reader.join(10_000);
        assertThat(lines).contains("local: stopping");
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("child process " + child.pid()).isFalse();
        }
        for (int port : ports) {
            assertThat(listening(port)).as("port " + port + " still listening").isFalse();
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertThat(left.toList()).as("left in the temporary folder; the command said:%n%s", tail(lines)).isEmpty();
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
