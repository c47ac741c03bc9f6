package io.datasurface.kpsg;

import java.util.Arrays;
import java.util.Locale;

/** The status of one merge run, as the {@code status} column of {@link PlatformTables#JOB_METRICS} holds it. */
public enum RunStatus {
    /** The batch is in its transaction; a reader never sees this committed unless the row is from a crashed server. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Another run of the same stream held the stream's lock, so this run did nothing. */
    ALREADY_RUNNING;

    /** The text stored in the table. */
    public String value() {
        return name().toLowerCase(Locale.ENGLISH);
    }

    public static RunStatus of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status '" + value + "'"));
    }
}
