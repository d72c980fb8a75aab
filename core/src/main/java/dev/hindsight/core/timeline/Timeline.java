package dev.hindsight.core.timeline;

import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A timeline as the contract's JSON: incident, moments, metrics, entries, storylines, findings; plus the entries a
 * commander hid (kept apart, so they can be shown again).
 */
public record Timeline(
        Incident incident,
        List<Moment> moments,
        Metrics metrics,
        List<Entry> entries,
        List<Storyline> storylines,
        List<Finding> findings,
        List<Entry> hiddenEntries,
        @Nullable Impact impact) {

    public Timeline(Incident incident, List<Moment> moments, Metrics metrics, List<Entry> entries,
            List<Storyline> storylines,
            List<Finding> findings) {
        this(incident, moments, metrics, entries, storylines, findings, List.of(), null);
    }

    public Timeline(Incident incident, List<Moment> moments, Metrics metrics, List<Entry> entries,
            List<Storyline> storylines, List<Finding> findings, List<Entry> hiddenEntries) {
        this(incident, moments, metrics, entries, storylines, findings, hiddenEntries, null);
    }

    /**
     * When the impact began as the symptoms say, and why: the earliest of the first correlated alert, a provider's
     * stated start, the first report by a person of the symptom, and a change to the affected systems shortly before
     * the first alert. The contract's IMPACT_START moment stays the alert or stated start; this is the estimate a
     * post-mortem and a manager's time to detect read from, with its reason beside it.
     *
     * @param eventId the event that marks it
     * @param detectedAfterSeconds time from it to DETECTED, null when nothing was detected
     */
    public record Impact(Instant at, @Nullable String eventId, ImpactBasis basis, String reason,
            @Nullable Long detectedAfterSeconds) {}

    /** What an impact estimate rests on. */
    public enum ImpactBasis {
        ALERT,
        PROVIDER_STATED,
        HUMAN_REPORT,
        CHANGE,
        MARKED
    }

    public record Incident(String key, String title, Instant from, Instant to) {}

    /**
     * A key moment and the event that marks it.
     *
     * @param markedBy who marked it by hand, when a commander did (the engine's choice is then overridden)
     */
    public record Moment(MomentKind kind, Instant at, String eventId, @Nullable String markedBy) {

        public Moment(MomentKind kind, Instant at, String eventId) {
            this(kind, at, eventId, null);
        }
    }

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
     * @param pinned a commander pinned it as a key entry
     * @param note a commander's annotation
     * @param originalAt the source's own time when a commander re-timed the entry ({@code at} is then the new time)
     * @param service the service the event names, for filtering
     * @param host the host the event names, for filtering
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
            @Nullable Instant correctedAt,
            boolean pinned,
            @Nullable String note,
            @Nullable Instant originalAt,
            @Nullable String service,
            @Nullable String host) {

        public Entry(String id, Instant at, String source, EventKind kind, String title, String storyline, int count,
                @Nullable Instant until, String reason, @Nullable String actor, boolean provider,
                @Nullable Instant correctedAt) {
            this(id, at, source, kind, title, storyline, count, until, reason, actor, provider, correctedAt, false,
                    null, null, null, null);
        }

        public Entry(String id, Instant at, String source, EventKind kind, String title, String storyline, int count,
                @Nullable Instant until, String reason, @Nullable String actor, boolean provider,
                @Nullable Instant correctedAt,
                boolean pinned, @Nullable String note, @Nullable Instant originalAt) {
            this(id, at, source, kind, title, storyline, count, until, reason, actor, provider, correctedAt, pinned,
                    note, originalAt, null, null);
        }
    }

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
