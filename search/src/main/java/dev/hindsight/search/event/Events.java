package dev.hindsight.search.event;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.search.internal.visibility.Visibility;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Single events for a viewer: an event in full, the raw record it was decoded from, and attaching events to an
 * incident. An event attached to an incident the viewer may not see does not exist for them.
 */
@Service
public class Events {

    private final EventRows rows;
    private final JdbcEventStore store;
    private final IncidentCatalog incidents;
    private final Visibility visibility;

    Events(EventRows rows, JdbcEventStore store, IncidentCatalog incidents, Visibility visibility) {
        this.rows = rows;
        this.store = store;
        this.incidents = incidents;
        this.visibility = visibility;
    }

    /** @throws NotFoundException when it does not exist or is hidden from the viewer */
    public EventView get(String id, Viewer viewer) {
        return EventView.of(visible(id, viewer));
    }

    /** @throws NotFoundException when it does not exist or is hidden from the viewer */
    public RawView raw(String id, Viewer viewer) {
        visible(id, viewer);
        return rows.raw(id).map(r -> new RawView(r.origin(), r.parserVersion(), r.sha256(), r.size(), r.truncated(),
                r.bytes())).orElseThrow(() -> new NotFoundException("no event " + id));
    }

    /**
     * Attaches events to an incident, durably and visible at once; events the viewer may not see are passed over.
     *
     * @return how many events were newly attached
     * @throws NotFoundException when the incident does not exist or is hidden from the viewer
     */
    public int attach(String incidentKey, Collection<String> eventIds, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        Set<String> hidden = visibility.hiddenFrom(viewer);
        List<String> visible = rows.byIds(eventIds).stream()
                .filter(e -> e.incidents().stream().noneMatch(hidden::contains)).map(StoredEvent::id).toList();
        return visible.isEmpty() ? 0 : store.attach(key, visible);
    }

    private StoredEvent visible(String id, Viewer viewer) {
        return rows.byId(id).filter(e -> visibility.maySeeEventOf(e.incidents(), viewer))
                .orElseThrow(() -> new NotFoundException("no event " + id));
    }
}
