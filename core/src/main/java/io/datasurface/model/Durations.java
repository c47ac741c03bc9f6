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
        long seconds = switch (text.charAt(text.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3_600;
            case 'd' -> 86_400;
            default -> throw new IllegalArgumentException("duration '" + text + "' must end with s, m, h or d, like 5m");
        };
        if (Math.abs(amount) > Long.MAX_VALUE / seconds) {
            throw new IllegalArgumentException("duration '" + text + "' is too long: the longest is " + Long.MAX_VALUE / seconds
                    + text.charAt(text.length() - 1));
        }
        return Duration.ofSeconds(amount * seconds);
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
