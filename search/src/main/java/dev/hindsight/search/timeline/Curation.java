package dev.hindsight.search.timeline;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A commander's edits of an incident's timeline, for a viewer: the incident and the entry must both be visible to
 * them, so evidence of an incident they may not see can never be curated through one they can. Every edit is kept in
 * an append-only history.
 */
@Service
public class Curation {

    static final int MAX_TITLE = 500;

    private final IncidentCatalog incidents;
    private final Visibility visibility;
    private final EventRows events;
    private final CurationRows rows;
    private final EventSink sink;
    private final AnnotationRecords annotations;

    Curation(IncidentCatalog incidents, Visibility visibility, EventRows events, CurationRows rows, EventSink sink,
            AnnotationRecords annotations) {
        this.annotations = annotations;
        this.incidents = incidents;
        this.visibility = visibility;
        this.events = events;
        this.rows = rows;
        this.sink = sink;
    }

    /**
     * Applies the edits to one entry in one transaction.
     *
     * @throws NotFoundException when the incident or the entry's event does not exist or is hidden from the viewer
     */
    @Transactional
    public EntryCuration edit(String incidentKey, String entryId, List<CurationEdit> edits, Viewer viewer) {
        IncidentSummary incident = incidents.require(incidentKey, viewer);
        var event = events.byId(entryId)
                .filter(e -> Collections.disjoint(e.incidents(), visibility.hiddenFrom(viewer)))
                .orElseThrow(() -> new NotFoundException("no event " + entryId));
        if (edits.isEmpty()) {
            throw new InvalidInputException(
                    "nothing to change: give pinned, hidden, note, retimedAt, storyline or moment");
        }
        EntryCuration result = null;
        for (CurationEdit edit : edits) {
            result = rows.edit(incident.key(), event.id(), edit, viewer.name());
        }
        if (edits.stream().anyMatch(CurationEdit.Annotate.class::isInstance)) {
            annotations.changed(incident.key(), event, result.note());
        }
        return result;
    }

    /** Adds a manual event to the incident (source {@code manual}); returns its id. */
    public String addEvent(String incidentKey, ManualEvent manual, Viewer viewer) {
        IncidentSummary incident = incidents.require(incidentKey, viewer);
        if (manual.title() == null || manual.title().isBlank() || manual.title().length() > MAX_TITLE) {
            throw new InvalidInputException("a manual event needs a title of 1 to " + MAX_TITLE + " characters");
        }
        if (manual.at() == null) {
            throw new InvalidInputException("a manual event needs its time, 'at' (ISO-8601)");
        }
        String record = "{\"at\":\"" + manual.at() + "\",\"by\":\"" + viewer.name() + "\"}";
        Event event = Event
                .builder("manual", manual.kind() == null ? EventKind.NOTE : manual.kind(), manual.at(),
                        manual.title().strip())
                .text(manual.text()).actor(viewer.name()).dedupKey(UUID.randomUUID().toString())
                .raw(new RawRecord("manual by " + viewer.name(), record.getBytes(StandardCharsets.UTF_8), "manual/1"))
                .build();
        sink.append(new EventBatch(List.of(event), List.of(), incident.key(), null, viewer));
        return event.id();
    }

    /** The newest changes first. */
    public List<CurationChange> history(String incidentKey, Viewer viewer, int limit) {
        return rows.history(incidents.require(incidentKey, viewer).key(), limit);
    }
}
