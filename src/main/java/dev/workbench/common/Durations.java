package dev.workbench.common;

import java.time.Duration;

/** Durations as people write them in configuration: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1m30s}, {@code 2h}. */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0 || millis == 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (rest > 0) {
            out.append(rest).append('s');
        }
        return out.toString();
    }
}
