package dev.hindsight.search.timeline;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.text.Texts;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final Timelines timelines;

    Curation(IncidentCatalog incidents, Visibility visibility, EventRows events, CurationRows rows, EventSink sink,
            AnnotationRecords annotations, Timelines timelines) {
        this.timelines = timelines;
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
        for (CurationEdit edit : edits) {
            if (edit instanceof CurationEdit.Mark(MomentKind kind) && kind != null) {
                requireInOrder(incident.key(), event.id(), kind, viewer);
            }
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

    /** Moments that must not come before, and after, each kind: impact, then detection, then the rest. */
    private static final Map<MomentKind, List<MomentKind>> NOT_AFTER = Map.of(
            MomentKind.IMPACT_START, List.of(MomentKind.DETECTED, MomentKind.ACKNOWLEDGED, MomentKind.MITIGATED,
                    MomentKind.RESOLVED),
            MomentKind.DETECTED, List.of(MomentKind.ACKNOWLEDGED, MomentKind.RESOLVED),
            MomentKind.MITIGATED, List.of(MomentKind.RESOLVED));

    /**
     * Refuses a mark that would put the key moments out of order (impact after detection, a fix before the impact):
     * the metrics it would give are negative, and every export would print them.
     */
    private void requireInOrder(String incidentKey, String entryId, MomentKind kind, Viewer viewer) {
        Timeline current = timelines.timeline(incidentKey, viewer);
        Instant at = current.entries().stream().filter(e -> e.id().equals(entryId)).map(Timeline.Entry::at)
                .findFirst().orElse(null);
        if (at == null) {
            return; // not on the timeline: the mark is kept but moves no moment
        }
        Map<MomentKind, Timeline.Moment> moments = new EnumMap<>(MomentKind.class);
        current.moments().forEach(m -> moments.put(m.kind(), m));
        for (Map.Entry<MomentKind, List<MomentKind>> rule : NOT_AFTER.entrySet()) {
            for (MomentKind later : rule.getValue()) {
                MomentKind earlier = rule.getKey();
                Instant first = kind == earlier ? at : moments.containsKey(earlier) ? moments.get(earlier).at() : null;
                Instant second = kind == later ? at : moments.containsKey(later) ? moments.get(later).at() : null;
                if ((kind == earlier || kind == later) && first != null && second != null && first.isAfter(second)) {
                    throw new InvalidInputException("this entry (" + at + ") cannot be " + label(kind) + ": "
                            + label(earlier) + " would come after " + label(later) + " ("
                            + (kind == earlier ? second : first) + "); mark another entry, or re-time this one");
                }
            }
        }
    }

    private static String label(MomentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
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
        ManualEvent.Captured captured = manual.captured();
        Event.Builder builder = Event
                .builder("manual", manual.kind() == null ? EventKind.NOTE : manual.kind(), manual.at(),
                        manual.title().strip())
                .text(manual.text()).actor(viewer.name()).dedupKey(UUID.randomUUID().toString())
                .raw(new RawRecord("manual by " + viewer.name(), record.getBytes(StandardCharsets.UTF_8), "manual/1"));
        if (captured != null) {
            // the words are the author's, in their channel; who captured them is in the raw record
            builder.actor(Texts.clip(captured.author(), 200)).label("channel", Texts.clip(captured.channel(), 200))
                    .label("capturedBy", viewer.name());
            if (captured.permalink() != null) {
                builder.link(captured.permalink());
            }
            if (captured.messageId() != null) {
                builder.dedupKey("captured:" + captured.messageId());
            }
        }
        Event event = builder.build();
        sink.append(new EventBatch(List.of(event), List.of(), incident.key(), null, viewer));
        return event.id();
    }

    /** The newest changes first. */
    public List<CurationChange> history(String incidentKey, Viewer viewer, int limit) {
        return rows.history(incidents.require(incidentKey, viewer).key(), limit);
    }
}
