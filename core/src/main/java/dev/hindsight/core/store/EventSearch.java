package dev.hindsight.core.store;

import dev.hindsight.core.incident.Viewer;
import java.util.List;

/**
 * The read side of the event store: bounded, faceted full-text search. Thread-safe. Events attached to an incident the
 * viewer may not see are left out of hits, totals and facet counts alike.
 */
public interface EventSearch {

    /** Facet fields counted for every search, in display order. */
    List<String> FACETS = List.of("source", "kind", "service", "host", "severity", "location");

    /**
     * Runs the query for this viewer.
     *
     * @throws QueryRejectedException when the query is malformed or would be too expensive (leading wildcards, huge
     *     regular expressions, too many clauses, a time budget exceeded)
     */
    SearchResult search(SearchQuery query, Viewer viewer);
}
