package dev.hindsight.core.text;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Durations as people read them, the same on every page, export and finding: {@code 45 s}, {@code 7 min 12 s},
 * {@code 12 h 23 min}, {@code 3 days 4 h}; parts that are zero are left out, and a negative duration keeps its sign.
 */
public final class Durations {

    /** What an unknown duration reads as. */
    public static final String UNKNOWN = "–";

    private Durations() {}

    public static String readable(Duration duration) {
        if (duration.isNegative()) {
            return "−" + readable(duration.negated());
        }
        long minutes = duration.toMinutes();
        if (minutes == 0) {
            return duration.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min" + part(duration.toSecondsPart(), "s");
        }
        long hours = duration.toHours();
        if (hours < 48) {
            return hours + " h" + part(duration.toMinutesPart(), "min");
        }
        return duration.toDays() + " days" + part(duration.toHoursPart(), "h");
    }

    private static String part(long value, String unit) {
        return value == 0 ? "" : " " + value + " " + unit;
    }

    /** Seconds as {@link #readable(Duration)} writes them; {@link #UNKNOWN} for null. */
    public static String readableSeconds(@Nullable Long seconds) {
        return seconds == null ? UNKNOWN : readable(Duration.ofSeconds(seconds));
    }
}
