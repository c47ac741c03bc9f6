package io.datasurface.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a benchmark prints of the machine it ran on, beside its figures. The load average says how
 * much others shared the cores; the cost of first touching memory says how much a cold JVM pays
 * for every page its heap grows by. That cost differs between machines of the same kind: on a
 * micro-VM whose memory the host backs on first use it was measured at about 20 µs a page, where
 * a usual host takes well under 1 µs, and it then decides a cold JVM's time more than its code
 * does. Run as a program it prints both.
 */
public final class BenchMachine {
    private static final int PROBE_BYTES = 64 << 20;
    private static final int PAGE = 4096;

    private BenchMachine() {
    }

    public static void main(String[] args) {
        System.out.println("machine: " + describe());
    }

    /** Processors, load average and the cost of first touching a page of memory, in one line. */
    public static String describe() {
        return String.format(Locale.ROOT, "%d processor(s), load average %s, first touch of memory %.1f µs per 4 KB page",
                Runtime.getRuntime().availableProcessors(), loadAverage(), firstTouchMicrosPerPage());
    }

    /** The contents of /proc/loadavg, or "unknown" where there is none. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Microseconds per page to allocate and write 64 MB of memory the process never had: a direct
     * buffer, outside the heap, so the collector and the heap's own sizing stay out of it.
     */
    public static double firstTouchMicrosPerPage() {
        long start = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(PROBE_BYTES);
        for (int i = 0; i < PROBE_BYTES; i += PAGE) {
            buffer.put(i, (byte) 1);
        }
        long took = System.nanoTime() - start;
        return took / 1_000.0 / (PROBE_BYTES / PAGE);
    }
}
