package io.datasurface.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Closing the local platform leaves nothing behind: no working directory, no listening port, no thread of its own. */
@Order(3)
class LocalPlatformCloseTest {

    @Test
    void closingStopsEveryPartAndDeletesTheWorkingDirectory() throws Exception {
        LocalPlatform platform = SharedPlatform.get();
        Path workDir = platform.workDir();
        int postgresPort = platform.postgres().port();
        int kafkaPort = Integer.parseInt(platform.kafka().bootstrapServers().replaceAll(".*:", ""));
        assertThat(workDir).isDirectory();

        SharedPlatform.close();

        assertThat(Files.exists(workDir)).as("working directory %s exists", workDir).isFalse();
        for (int port : List.of(postgresPort, kafkaPort)) {
            assertThatThrownBy(() -> connect(port)).as("port %d", port).isInstanceOf(IOException.class);
        }
        // A stopped part's threads end on their own schedule: wait for them, up to a bound a leak never meets.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> left = threadsLeft();
        while (left.stream().anyMatch(name -> !name.endsWith("(daemon)")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = threadsLeft();
        }
        System.out.println("threads left after close: " + left);
        assertThat(left).filteredOn(name -> !name.endsWith("(daemon)")).isEmpty();
    }

    /** Live threads the platform's start made, named, daemon ones marked. */
    private static List<String> threadsLeft() {
        Set<Thread> before = SharedPlatform.threadsBefore();
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !before.contains(t))
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).sorted().toList();
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
