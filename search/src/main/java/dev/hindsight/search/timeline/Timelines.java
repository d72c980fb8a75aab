package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.timeline.SimilarIncident;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.TimelineSource;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.store.WindowRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Incidents' timelines, built for a viewer: the database reads (attached events, the window, the scope query's
 * matches, the curation) around the pure {@link TimelineAssembler}. Events attached to an incident the viewer may not
 * see are left out, and a hidden incident has no timeline for them.
 */
@Service
public class Timelines implements TimelineSource {

    private final IncidentCatalog incidents;
    private final Visibility visibility;
    private final WindowRows rows;
    private final EventSearch search;
    private final CurationRows curation;
    private final SimilarIncidents similar;
    private final TimelineSettings settings;
    private final TimelineAssembler assembler;

    Timelines(IncidentCatalog incidents, Visibility visibility, WindowRows rows, EventSearch search,
            CurationRows curation, SimilarIncidents similar, TimelineSettings settings) {
        this.incidents = incidents;
        this.visibility = visibility;
        this.rows = rows;
        this.search = search;
        this.curation = curation;
        this.similar = similar;
        this.settings = settings;
        this.assembler = new TimelineAssembler(settings);
    }

    @Override
    public Timeline timeline(String incidentKey, Viewer viewer) {
        IncidentSummary incident = incidents.require(incidentKey, viewer);
        Map<String, StoredEvent> attached = new TreeMap<>();
        rows.attachedTo(incident.key()).forEach(e -> attached.put(e.id(), e));
        List<StoredEvent> window = rows.between(incident.from().minus(settings.lead()),
                incident.to().plus(settings.lag()));
        Timeline proposed = assembler.assemble(incident, attached.values(), window, scopeMatches(incident),
                visibility.hiddenFrom(viewer));
        return CuratedTimeline.apply(proposed, curation.of(incident.key()));
    }

    @Override
    public List<SimilarIncident> similar(String incidentKey, Viewer viewer, int limit) {
        return similar.of(incidents.require(incidentKey, viewer), viewer, limit);
    }

    /** Ids of the window's events that match the scope query; the assembler leaves out what the viewer may not see. */
    private Set<String> scopeMatches(IncidentSummary incident) {
        if (incident.scope() == null || incident.scope().isBlank()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (int offset = 0; offset < SearchQuery.MAX_WINDOW; offset += SearchQuery.MAX_LIMIT) {
            var page = search.search(new SearchQuery(incident.scope(), incident.from().minus(settings.lead()),
                    incident.to().plus(settings.lag()), Map.of(), SearchQuery.MAX_LIMIT, offset, SearchQuery.Sort.TIME),
                    Viewer.SYSTEM);
            page.hits().forEach(h -> ids.add(h.id()));
            if (page.hits().size() < SearchQuery.MAX_LIMIT) {
                break;
            }
        }
        return ids;
    }
}
