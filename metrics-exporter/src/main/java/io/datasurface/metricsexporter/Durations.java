package io.datasurface.metricsexporter;

import io.datasurface.cli.UnusableInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as an operator types them: {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text) throws UnusableInputException {
        String t = text.strip().toUpperCase(Locale.ENGLISH);
        try {
            Duration d = Duration.parse(t.startsWith("P") ? t : "PT" + t);
            if (d.isNegative() || d.isZero()) {
                throw new UnusableInputException("duration '" + text + "' must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UnusableInputException("'" + text + "' is not a duration: write e.g. 30s, 5m, 1h or PT30S");
        }
    }
}
