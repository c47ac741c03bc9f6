package io.datasurface.model;

import java.time.Duration;

/** Durations in the model's short form: 30s, 5m, 2h, 7d. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        if (text.length() < 2) {
            throw new IllegalArgumentException("duration '" + text + "' is not a number followed by s, m, h or d, like 5m");
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not a number followed by s, m, h or d, like 5m");
        }
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("duration '" + text + "' must end with s, m, h or d, like 5m");
        };
    }

    /** The shortest exact form: 7d rather than 168h. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
