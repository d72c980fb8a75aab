package dev.hindsight.web.api;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.store.EventRows;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.NotFoundException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One event in full, and the raw record it was decoded from (its provenance). */
@RestController
class EventApi {

    private final EventRows rows;
    private final Incidents incidents;

    EventApi(EventRows rows, Incidents incidents) {
        this.rows = rows;
        this.incidents = incidents;
    }

    record EventView(
            String id,
            long sequence,
            Instant at,
            @Nullable String originalTime,
            @Nullable String originalZone,
            boolean zoneAssumed,
            Instant ingestedAt,
            String source,
            String kind,
            String title,
            @Nullable String text,
            @Nullable String actor,
            @Nullable String service,
            @Nullable String host,
            @Nullable String location,
            @Nullable String severity,
            Map<String, String> labels,
            List<String> links,
            boolean provider,
            String dedupKey,
            Set<String> incidents) {}

    @GetMapping("/api/events/{id}")
    EventView get(@PathVariable String id) {
        StoredEvent s = visible(id);
        Event e = s.event();
        return new EventView(s.id(), s.sequence(), e.occurredAt(), e.originalTime(), e.originalZone(),
                e.zoneAssumed(), s.ingestedAt(), e.source(), e.kind().name(), e.title(), e.text(), e.actor(),
                e.service(), e.host(), e.location(), e.severity(), e.labels(), e.links(), e.provider(), e.dedupKey(),
                s.incidents());
    }

    @GetMapping("/api/events/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable String id) {
        visible(id);
        EventRows.RawView raw = rows.raw(id).orElseThrow(() -> new NotFoundException("no event " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Hindsight-Origin", raw.origin() == null ? "" : raw.origin().replaceAll("[\\r\\n]", " "))
                .header("X-Hindsight-Parser", raw.parserVersion() == null ? "" : raw.parserVersion())
                .header("X-Hindsight-Sha256", raw.sha256() == null ? "" : raw.sha256())
                .header("X-Hindsight-Truncated", Boolean.toString(raw.truncated()))
                .body(raw.bytes());
    }

    private StoredEvent visible(String id) {
        StoredEvent s = rows.byId(id).orElseThrow(() -> new NotFoundException("no event " + id));
        if (!Collections.disjoint(s.incidents(), incidents.hiddenFrom(CurrentViewer.get()))) {
            throw new NotFoundException("no event " + id);
        }
        return s;
    }
}
