package dev.hindsight.search.unified;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.query.BoundedQueryParser;
import dev.hindsight.search.internal.records.RecordIndex;
import dev.hindsight.search.internal.visibility.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * One search over everything: events, and what people wrote about incidents (the incidents themselves, post-mortem
 * sections, action items, notes on timeline entries, review comments). Records come first, then events; the total
 * counts both, and the {@code type} facet says how many of each. Browsing ({@code *}, no words) lists events unless
 * types are asked for. What a viewer may not see is left out of hits,
 * totals and facets alike, by the same rule as for events.
 */
@Service
public class UnifiedSearch {

    /** The type label of events in results and in the facet. */
    public static final String EVENT = "event";
    /** Event filters that records do not have: asking for one means events only. */
    private static final Set<String> EVENT_ONLY_FILTERS = Set.of("source", "kind", "service", "host", "severity",
            "location", "actor", "label", "id");

    private final EventSearch events;
    private final RecordIndex records;
    private final Visibility visibility;
    private final BoundedQueryParser parser = new BoundedQueryParser(EventAnalyzers.create());

    UnifiedSearch(EventSearch events, RecordIndex records, Visibility visibility) {
        this.events = events;
        this.records = records;
        this.visibility = visibility;
    }

    /**
     * One hit: an event ({@code type} "event", with its source and kind) or a record (its type's label, the incident
     * it belongs to and where it lives in the UI).
     */
    public record Hit(String type, String id, Instant at, String title, String snippet, @Nullable String source,
            @Nullable EventKind kind, @Nullable String incident, @Nullable String link) {}

    /** The page of hits, the exact total, and facets with {@code type} among them. */
    public record Result(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {}

    /**
     * @param types labels to include ("event", "incident", "post-mortem", "action-item", "annotation", "comment");
     *     empty means all
     */
    public Result search(SearchQuery query, Set<String> types, Viewer viewer) {
        return visibility.readOnce(viewer, () -> searchBoth(query, types, viewer));
    }

    private Result searchBoth(SearchQuery query, Set<String> types, Viewer viewer) {
        boolean wantEvents = types.isEmpty() || types.contains(EVENT);
        Set<SearchableRecord.Type> recordTypes = recordTypes(types);
        if (query.filters().keySet().stream().anyMatch(EVENT_ONLY_FILTERS::contains)
                || (types.isEmpty() && browsing(query.text()))) {
            recordTypes.clear(); // browsing everything (no words, no type asked for) lists events, as it always did
        }
        RecordIndex.Page recordPage = recordTypes.isEmpty()
                ? new RecordIndex.Page(0, List.of(), Map.of())
                : records.search(parser.parse(query.text()), recordTypes, query.from(), query.to(),
                        query.filters().getOrDefault("incident", Set.of()), visibility.hiddenFrom(viewer),
                        query.offset(), query.limit());
        long recordTotal = recordPage.total();
        List<Hit> hits = new ArrayList<>();
        for (RecordIndex.Found found : recordPage.hits()) {
            SearchableRecord r = found.record();
            hits.add(new Hit(r.type().label(), r.id(), r.at(), r.title(), found.snippet(), null, null,
                    r.incidentKey(), r.link()));
        }
        // events follow the records: the event page starts where the records end
        int eventOffset = (int) Math.max(0, query.offset() - recordTotal);
        int eventLimit = query.limit() - hits.size();
        SearchResult eventResult = wantEvents
                ? events.search(new SearchQuery(query.text(), query.from(), query.to(), query.filters(), eventLimit,
                        eventOffset, query.sort()), viewer)
                : new SearchResult(0, List.of(), Map.of());
        for (SearchResult.Hit e : eventResult.hits()) {
            hits.add(new Hit(EVENT, e.id(), e.at(), e.title(), e.snippet(), e.source(), e.kind(), null, null));
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        Map<String, Long> byType = new LinkedHashMap<>();
        if (eventResult.total() > 0) {
            byType.put(EVENT, eventResult.total());
        }
        recordPage.counts().forEach((type, n) -> byType.put(type.label(), n));
        facets.put("type", byType);
        facets.putAll(eventResult.facets());
        return new Result(recordTotal + eventResult.total(), hits, facets);
    }

    private static boolean browsing(String text) {
        String t = text.strip();
        return t.isEmpty() || t.equals("*") || t.equals("*:*");
    }

    private static Set<SearchableRecord.Type> recordTypes(Set<String> labels) {
        Set<SearchableRecord.Type> wanted = EnumSet.noneOf(SearchableRecord.Type.class);
        if (labels.isEmpty()) {
            wanted.addAll(EnumSet.allOf(SearchableRecord.Type.class));
            return wanted;
        }
        for (String label : labels) {
            if (label.equalsIgnoreCase(EVENT)) {
                continue;
            }
            SearchableRecord.Type type = SearchableRecord.Type.parse(label);
            if (type == null) {
                throw new QueryRejectedException("unknown type '" + label + "'; the types are event, incident,"
                        + " post-mortem, action-item, annotation and comment");
            }
            wanted.add(type);
        }
        return wanted;
    }
}
