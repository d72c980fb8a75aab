package dev.hindsight.web.curation;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.search.curation.CurationEdit;
import dev.hindsight.search.curation.Curations;
import dev.hindsight.search.curation.EntryCuration;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.store.EventRows;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** A commander's edits of an incident's timeline; every edit is stored, kept in the history and audited. */
@RestController
@RequestMapping("/api/incidents/{key}")
class CurationApi {

    private final Incidents incidents;
    private final Curations curations;
    private final EventRows rows;
    private final EventSink sink;
    private final AuditLog audit;
    private final JsonMapper json;

    CurationApi(Incidents incidents, Curations curations, EventRows rows, EventSink sink, AuditLog audit,
            JsonMapper json) {
        this.incidents = incidents;
        this.curations = curations;
        this.rows = rows;
        this.sink = sink;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Fields left out stay as they are; an empty string removes a note, a re-timing, a move or a mark.
     *
     * @param retimedAt ISO-8601 instant
     * @param moment one of the key moment kinds
     */
    record EntryEdit(
            @Nullable Boolean pinned,
            @Nullable Boolean hidden,
            @Nullable String note,
            @Nullable String retimedAt,
            @Nullable String storyline,
            @Nullable String moment) {}

    /** A manual event: something that happened and left no trace in any source (a phone call, a decision). */
    record ManualEvent(Instant at, String title, @Nullable String text, @Nullable EventKind kind) {}

    @PatchMapping("/entries/{entryId}")
    EntryCuration edit(@PathVariable String key, @PathVariable String entryId, @RequestBody EntryEdit body) {
        IncidentSummary incident = visible(key);
        if (rows.byIds(List.of(entryId)).isEmpty()) {
            throw new NotFoundException("no event " + entryId);
        }
        List<CurationEdit> edits = new ArrayList<>();
        if (body.pinned() != null)
            edits.add(new CurationEdit.Pin(body.pinned()));
        if (body.hidden() != null)
            edits.add(new CurationEdit.Hide(body.hidden()));
        if (body.note() != null)
            edits.add(new CurationEdit.Annotate(body.note()));
        if (body.retimedAt() != null)
            edits.add(new CurationEdit.Retime(body.retimedAt().isBlank() ? null : parse(body.retimedAt())));
        if (body.storyline() != null)
            edits.add(new CurationEdit.Move(body.storyline().isBlank() ? null : body.storyline().strip()));
        if (body.moment() != null)
            edits.add(new CurationEdit.Mark(body.moment().isBlank() ? null : momentKind(body.moment())));
        if (edits.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing to change: give pinned, hidden, note, retimedAt, storyline or moment");
        }
        String actor = CurrentViewer.actor();
        EntryCuration result = null;
        for (CurationEdit edit : edits) {
            result = curations.edit(incident.key(), entryId, edit, actor);
            audit.record(actor, "curate " + edit.action().toLowerCase(), incident.key() + "/" + entryId, "success",
                    edit.detail());
        }
        return result;
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addManualEvent(@PathVariable String key, @RequestBody ManualEvent body) {
        IncidentSummary incident = visible(key);
        if (body.at() == null) {
            throw new IllegalArgumentException("a manual event needs its time, 'at' (ISO-8601)");
        }
        if (body.title() == null || body.title().isBlank() || body.title().length() > 500) {
            throw new IllegalArgumentException("a manual event needs a title of 1 to 500 characters");
        }
        String actor = CurrentViewer.actor();
        Event event = Event
                .builder("manual", body.kind() == null ? EventKind.NOTE : body.kind(), body.at(), body.title().strip())
                .text(body.text())
                .actor(actor)
                .dedupKey(UUID.randomUUID().toString())
                .raw(new RawRecord("manual by " + actor, json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
                        "manual/1"))
                .build();
        sink.append(new EventBatch(List.of(event), List.of(), incident.key(), null));
        audit.record(actor, "curate add-event", incident.key() + "/" + event.id(), "success", event.title());
        return Map.of("id", event.id());
    }

    @GetMapping("/curation")
    List<Curations.Change> history(@PathVariable String key, @RequestParam(defaultValue = "100") int limit) {
        return curations.history(visible(key).key(), limit);
    }

    private IncidentSummary visible(String key) {
        return incidents.find(key, CurrentViewer.get()).orElseThrow(() -> new NotFoundException("no incident " + key));
    }

    private static Instant parse(String at) {
        try {
            return Instant.parse(at);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "retimedAt must be an ISO-8601 instant such as 2014-08-12T07:50:00Z, not \"" + at + "\"");
        }
    }

    private static MomentKind momentKind(String name) {
        try {
            return MomentKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "moment must be one of " + List.of(MomentKind.values()) + ", not \"" + name + "\"");
        }
    }
}
