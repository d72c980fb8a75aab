package dev.hindsight.search.timeline;

import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A timeline as the contract's JSON: incident, moments, metrics, entries, storylines, findings. */
public record Timeline(
        Incident incident, List<Moment> moments, Metrics metrics, List<Entry> entries, List<Storyline> storylines, List<Finding> findings) {

    public record Incident(String key, String title, Instant from, Instant to) {}

    /** A key moment and the event that marks it. */
    public record Moment(MomentKind kind, Instant at, String eventId) {}

    public enum MomentKind {
        IMPACT_START,
        DETECTED,
        ACKNOWLEDGED,
        FIRST_COMMS,
        PROVIDER_NOTICE,
        MITIGATED,
        RESOLVED
    }

    /** Response metrics in seconds; null when a moment they need is unknown. */
    public record Metrics(
            @Nullable Long timeToDetectSeconds,
            @Nullable Long timeToAcknowledgeSeconds,
            @Nullable Long timeToFirstCommsSeconds,
            @Nullable Long timeToMitigateSeconds,
            @Nullable Long timeToResolveSeconds) {}

    /**
     * One line of the timeline: an event, or repeats of it collapsed into one.
     *
     * @param count how many events this entry stands for
     * @param until the last repeat's time when {@code count > 1}
     * @param reason why this event is on the timeline
     * @param correctedAt the time with its source's estimated clock skew taken out, when a CLOCK_SKEW was found
     */
    public record Entry(
            String id,
            Instant at,
            String source,
            EventKind kind,
            String title,
            String storyline,
            int count,
            @Nullable Instant until,
            String reason,
            @Nullable String actor,
            boolean provider,
            @Nullable Instant correctedAt) {}

    /** A thread of related entries, e.g. "dc-east (edge1, lb1)", with why its entries belong together. */
    public record Storyline(String id, String title, Instant from, Instant to, int size, String reason) {}

    /**
     * Something a commander should look at.
     *
     * @param source the source concerned (the skewed one for CLOCK_SKEW), else null
     * @param offsetSeconds the estimated offset for CLOCK_SKEW, else null
     */
    public record Finding(FindingType type, String message, @Nullable String source, @Nullable Long offsetSeconds) {}

    public enum FindingType {
        CLOCK_SKEW,
        DETECTION_GAP,
        COMMS_GAP,
        PROVIDER_DISCREPANCY,
        DATA_GAP
    }
}
