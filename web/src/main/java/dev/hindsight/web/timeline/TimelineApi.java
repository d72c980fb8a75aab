package dev.hindsight.web.timeline;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.timeline.SimilarIncident;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.timeline.Curation;
import dev.hindsight.search.timeline.CurationChange;
import dev.hindsight.search.timeline.CurationEdit;
import dev.hindsight.search.timeline.EntryCuration;
import dev.hindsight.search.timeline.ManualEvent;
import dev.hindsight.search.timeline.Timelines;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.LocalTimes;
import dev.hindsight.web.support.Zones;
import dev.hindsight.web.support.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * An incident's timeline (the contract's JSON), the incidents that read like it, and a commander's edits of it; every
 * edit is stored, kept in the history and audited.
 */
@RestController
@RequestMapping("/api/incidents/{key}")
class TimelineApi {

    private final IncidentCatalog incidents;
    private final Timelines timelines;
    private final Curation curation;
    private final AuditLog audit;

    TimelineApi(IncidentCatalog incidents, Timelines timelines, Curation curation, AuditLog audit) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.curation = curation;
        this.audit = audit;
    }

    /** The timeline JSON of the contract, built for this viewer (events of incidents hidden from them left out). */
    @GetMapping("/timeline")
    Timeline timeline(@PathVariable String key) {
        var viewer = CurrentViewer.get();
        audit.restrictedView(incidents.require(key, viewer), viewer.name(), "view timeline");
        return timelines.timeline(key, viewer);
    }

    /** Other incidents that read like this one, most similar first, each with the reason. */
    @GetMapping("/similar")
    List<SimilarIncident> similar(@PathVariable String key, @RequestParam(defaultValue = "5") int limit) {
        return timelines.similar(key, CurrentViewer.get(), limit);
    }

    /**
     * Fields left out stay as they are; an empty string removes a note, a re-timing, a move or a mark.
     *
     * @param retimedAt an ISO-8601 instant, or a date and time without offset read in {@code zone}
     * @param moment one of the key moment kinds
     * @param zone the zone of a {@code retimedAt} without offset (default UTC): the one the viewer works in
     */
    record EntryEdit(@Nullable Boolean pinned, @Nullable Boolean hidden, @Nullable String note,
            @Nullable String retimedAt, @Nullable String storyline, @Nullable String moment,
            @Nullable String zone) {}

    @PatchMapping("/entries/{entryId}")
    EntryCuration edit(@PathVariable String key, @PathVariable String entryId, @RequestBody EntryEdit body) {
        List<CurationEdit> edits = new ArrayList<>();
        if (body.pinned() != null) {
            edits.add(new CurationEdit.Pin(body.pinned()));
        }
        if (body.hidden() != null) {
            edits.add(new CurationEdit.Hide(body.hidden()));
        }
        if (body.note() != null) {
            edits.add(new CurationEdit.Annotate(body.note()));
        }
        if (body.retimedAt() != null) {
            edits.add(new CurationEdit.Retime(LocalTimes.parse(body.retimedAt(),
                    body.zone() == null || body.zone().isBlank() ? "UTC" : Zones.parse(body.zone()).getId(),
                    "retimedAt")));
        }
        if (body.storyline() != null) {
            edits.add(new CurationEdit.Move(body.storyline().isBlank() ? null : body.storyline().strip()));
        }
        if (body.moment() != null) {
            edits.add(new CurationEdit.Mark(body.moment().isBlank() ? null : momentKind(body.moment())));
        }
        var viewer = CurrentViewer.get();
        EntryCuration result = curation.edit(key, entryId, edits, viewer);
        edits.forEach(edit -> audit.record(viewer.name(), "curate " + edit.action().toLowerCase(Locale.ROOT),
                key + "/" + entryId, "success", edit.detail()));
        return result;
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addManualEvent(@PathVariable String key, @RequestBody ManualEvent body) {
        var viewer = CurrentViewer.get();
        String id = curation.addEvent(key, body, viewer);
        audit.record(viewer.name(), "curate add-event", key + "/" + id, "success", body.title());
        return Map.of("id", id);
    }

    @GetMapping("/curation")
    List<CurationChange> history(@PathVariable String key, @RequestParam(defaultValue = "100") int limit) {
        return curation.history(key, CurrentViewer.get(), limit);
    }

    private static MomentKind momentKind(String name) {
        try {
            return MomentKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "moment must be one of " + List.of(MomentKind.values()) + ", not \"" + name + "\"");
        }
    }
}
