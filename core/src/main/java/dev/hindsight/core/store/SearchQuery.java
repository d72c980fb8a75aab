package dev.hindsight.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A bounded search over events.
 *
 * @param text Lucene query syntax over the event text; blank matches everything
 * @param filters exact-match filters by field ({@code source}, {@code kind}, {@code service}, {@code host},
 *     {@code severity}, {@code location}, {@code actor}, {@code incident}); values of one field are OR-ed
 */
public record SearchQuery(
        String text,
        @Nullable Instant from,
        @Nullable Instant to,
        Map<String, Set<String>> filters,
        int limit,
        int offset,
        Sort sort) {

    /** The most hits one request may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** How deep paging may go (offset + limit). */
    public static final int MAX_WINDOW = 10_000;

    public SearchQuery {
        filters = Map.copyOf(filters);
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new QueryRejectedException("limit must be between 0 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0 || offset + limit > MAX_WINDOW) {
            throw new QueryRejectedException("offset + limit may not exceed " + MAX_WINDOW + "; narrow the query");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryRejectedException("from (" + from + ") is after to (" + to + ")");
        }
    }

    public static SearchQuery text(String text, int limit) {
        return new SearchQuery(text, null, null, Map.of(), limit, 0, Sort.DEFAULT);
    }

    /** Result order. */
    public enum Sort {
        /** Relevance when there is query text, oldest first otherwise. */
        DEFAULT,
        RELEVANCE,
        /** Oldest first, the order of a timeline. */
        TIME,
        /** Newest first. */
        NEWEST
    }
}
