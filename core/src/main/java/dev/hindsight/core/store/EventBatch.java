package dev.hindsight.core.store;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one ingest step wants stored atomically: new events, the dead letters of the same step, optionally the
 * incident they belong to and the checkpoint reached.
 *
 * @param incidentKey attach every event to this incident; the writer must be able to see it
 * @param writer who writes: events already stored but attached to incidents the writer may not see are reported as
 *     accepted, not as duplicates, so that an import never confirms that hidden evidence exists
 */
public record EventBatch(List<Event> events, List<DeadLetter> deadLetters, @Nullable String incidentKey,
        @Nullable Checkpoint checkpoint, Viewer writer) {

    public EventBatch {
        events = List.copyOf(events);
        deadLetters = List.copyOf(deadLetters);
    }

    /** Events the server itself writes, attached to no incident. */
    public static EventBatch of(List<Event> events) {
        return new EventBatch(events, List.of(), null, null, Viewer.SYSTEM);
    }
}
