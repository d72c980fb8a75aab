package dev.hindsight.core.store;

import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Hits, the exact total and facet counts of a search, all computed over what the viewer may see.
 *
 * @param facets per facet field, value to count, most frequent first
 */
public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    /**
     * One matching event.
     *
     * @param snippet the best passage of the text with matches wrapped in {@code <mark>}; the rest is HTML-escaped
     */
    public record Hit(String id, Instant at, String source, EventKind kind, String title, String snippet) {}
}
