package dev.hindsight.search.event;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One event in full, as the event API and the workspace's details show it. */
public record EventView(String id, long sequence, Instant at, @Nullable String originalTime,
        @Nullable String originalZone, boolean zoneAssumed, Instant ingestedAt, String source, String kind,
        String title, @Nullable String text, @Nullable String actor, @Nullable String service, @Nullable String host,
        @Nullable String location, @Nullable String severity, Map<String, String> labels, List<String> links,
        boolean provider, String dedupKey, Set<String> incidents) {

    static EventView of(StoredEvent s) {
        Event e = s.event();
        return new EventView(s.id(), s.sequence(), e.occurredAt(), e.originalTime(), e.originalZone(), e.zoneAssumed(),
                s.ingestedAt(), e.source(), e.kind().name(), e.title(), e.text(), e.actor(), e.service(), e.host(),
                e.location(), e.severity(), e.labels(), e.links(), e.provider(), e.dedupKey(), s.incidents());
    }
}
