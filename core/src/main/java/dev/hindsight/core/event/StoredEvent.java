package dev.hindsight.core.event;

import java.time.Instant;
import java.util.Set;

/**
 * An event as the store holds it: the decoded event plus its id, its place in the store's write order and the
 * incidents it is attached to.
 *
 * @param sequence monotonically increasing with every write (insert, or an attach that changes the indexed form)
 */
public record StoredEvent(String id, long sequence, Instant ingestedAt, Event event, Set<String> incidents) {
    public StoredEvent {
        incidents = Set.copyOf(incidents);
    }
}
