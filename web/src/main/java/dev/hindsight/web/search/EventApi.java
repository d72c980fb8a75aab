package dev.hindsight.web.search;

import dev.hindsight.search.event.EventView;
import dev.hindsight.search.event.Events;
import dev.hindsight.search.event.RawView;
import dev.hindsight.web.security.CurrentViewer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One event in full, and the raw record it was decoded from (its provenance). */
@RestController
class EventApi {

    private final Events events;

    EventApi(Events events) {
        this.events = events;
    }

    @GetMapping("/api/events/{id}")
    EventView get(@PathVariable String id) {
        return events.get(id, CurrentViewer.get());
    }

    @GetMapping("/api/events/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable String id) {
        RawView raw = events.raw(id, CurrentViewer.get());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Hindsight-Origin", raw.origin() == null ? "" : raw.origin().replaceAll("[\\r\\n]", " "))
                .header("X-Hindsight-Parser", raw.parserVersion() == null ? "" : raw.parserVersion())
                .header("X-Hindsight-Sha256", raw.sha256() == null ? "" : raw.sha256())
                .header("X-Hindsight-Truncated", Boolean.toString(raw.truncated())).body(raw.bytes());
    }
}
