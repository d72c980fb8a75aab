package dev.hindsight.ingest.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The zone-less local times of one file, read in order in one zone by the contract's daylight-saving rule. In the hour
 * that repeats when daylight saving time ends, the order of the records decides: a time that goes back by about the
 * shift inside the repeated hour starts the second occurrence, and the times after it stay there until the hour is
 * over. A time in the hour that is skipped when it starts is kept, moved forward by the length of the gap, and noted.
 * One instance per file: it remembers the record before.
 */
public final class LocalTimeline {

    /** How far short of the whole shift a step back may be and still be the repeated hour starting again. */
    private static final Duration SLACK = Duration.ofMinutes(15);

    private final ZoneId zone;
    private final ZoneRules rules;
    private @Nullable LocalDateTime last;
    private boolean secondOccurrence;

    public LocalTimeline(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * An instant for a local time, with a note when daylight saving time decided it.
     *
     * @param note null for an ordinary time; else what was decided, e.g. "repeated hour, second occurrence"
     */
    public record Resolved(Instant instant, @Nullable String note) {}

    public Resolved resolve(LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        Resolved resolved;
        if (offsets.size() == 1) {
            secondOccurrence = false;
            resolved = new Resolved(local.toInstant(offsets.getFirst()), null);
        } else if (offsets.isEmpty()) {
            secondOccurrence = false;
            ZoneOffsetTransition gap = rules.getTransition(local);
            resolved = new Resolved(local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter()),
                    "skipped hour: moved forward " + minutes(gap.getDuration()) + " (daylight saving time began)");
        } else {
            ZoneOffsetTransition overlap = rules.getTransition(local);
            if (!secondOccurrence && last != null && startsAgain(overlap, local)) {
                secondOccurrence = true;
            }
            resolved = secondOccurrence
                    ? new Resolved(local.toInstant(overlap.getOffsetAfter()),
                            "repeated hour, second occurrence (daylight saving time ended)")
                    : new Resolved(local.toInstant(overlap.getOffsetBefore()),
                            "repeated hour, first occurrence (daylight saving time ended)");
        }
        last = local;
        return resolved;
    }

    /** The time went back by about the shift, from inside or just after the repeated hour. */
    private boolean startsAgain(ZoneOffsetTransition overlap, LocalDateTime local) {
        Duration back = Duration.between(local, last);
        Duration shift = overlap.getDuration().abs();
        boolean lastInHour = !last.isBefore(overlap.getDateTimeAfter())
                && !last.isAfter(overlap.getDateTimeBefore().plus(SLACK));
        return lastInHour && back.compareTo(shift.minus(SLACK)) >= 0 && back.compareTo(shift.plus(SLACK)) <= 0;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
