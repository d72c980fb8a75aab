package dev.hindsight.core.store;

/** The read side of the event store: bounded, faceted full-text search. Thread-safe. */
public interface EventSearch {

    /** Facet fields counted for every search, in display order. */
    java.util.List<String> FACETS = java.util.List.of("source", "kind", "service", "host", "severity", "location");

    /**
     * Runs the query.
     *
     * @throws QueryRejectedException when the query is malformed or would be too expensive (leading wildcards, huge
     *     regular expressions, too many clauses, a time budget exceeded)
     */
    SearchResult search(SearchQuery query);
}
