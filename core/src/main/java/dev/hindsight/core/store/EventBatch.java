package dev.hindsight.core.store;

import dev.hindsight.core.event.Event;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one ingest step wants stored atomically: new events, the dead letters of the same step, optionally the
 * incident they belong to and the checkpoint reached.
 */
public record EventBatch(
        List<Event> events, List<DeadLetter> deadLetters, @Nullable String incidentKey,
        @Nullable Checkpoint checkpoint) {

    public EventBatch {
        events = List.copyOf(events);
        deadLetters = List.copyOf(deadLetters);
    }

    public static EventBatch of(List<Event> events) {
        return new EventBatch(events, List.of(), null, null);
    }
}
