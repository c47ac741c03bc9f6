package io.datasurface.local;

import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

/**
 * The local platform of examples/acme (platform Prod), started once per test JVM: starting it
 * takes most of a minute. Rows written before capture starts are the snapshot the tests expect.
 */
final class SharedPlatform {
    static final Path MODEL = Path.of("..", "examples", "acme");
    static final String PLATFORM = "Prod";

    private static LocalPlatform platform;
    private static Set<Thread> threadsBefore;

    private SharedPlatform() {
    }

    static synchronized LocalPlatform get() {
        if (platform == null) {
            threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
            Path workDir = Path.of("target", "local-platform-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            try {
                platform = LocalPlatform.start(MODEL, PLATFORM, workDir, System.out, Snapshot::write);
            } catch (Exception e) {
                throw new IllegalStateException("the local platform did not start: " + e.getMessage(), e);
            }
            LocalPlatform started = platform;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-platform-stop"));
        }
        return platform;
    }

    /** Closes the platform if it started; the next {@link #get()} starts a new one. */
    static synchronized void close() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    /** The threads that ran before the platform started. */
    static synchronized Set<Thread> threadsBefore() {
        return threadsBefore;
    }
}
