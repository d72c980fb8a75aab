package dev.hindsight.web.search;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.store.SearchQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Search queries from request parameters, the same for the API and the search page. */
public final class SearchQueries {

    private SearchQueries() {}

    /** Builds a query from request parameters; shared with the search page. */
    public static SearchQuery of(
            String q,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable String incident,
            @Nullable List<String> source,
            @Nullable List<String> kind,
            @Nullable List<String> service,
            @Nullable List<String> host,
            int limit,
            int offset,
            String sort) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        if (incident != null && !incident.isBlank()) {
            filters.put("incident", Set.of(incident));
        }
        if (source != null && !source.isEmpty()) {
            filters.put("source", Set.copyOf(source));
        }
        if (kind != null && !kind.isEmpty()) {
            filters.put("kind", Set.copyOf(kind));
        }
        if (service != null && !service.isEmpty()) {
            filters.put("service", Set.copyOf(service));
        }
        if (host != null && !host.isEmpty()) {
            filters.put("host", Set.copyOf(host));
        }
        SearchQuery.Sort order;
        try {
            order = SearchQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("sort must be relevance, time, newest or default");
        }
        return new SearchQuery(q, from, to, filters, limit, offset, order);
    }

    /** The {@code type} parameter: labels, repeated or comma-separated; none means every type. */
    public static Set<String> types(@Nullable List<String> type) {
        if (type == null) {
            return Set.of();
        }
        Set<String> types = new java.util.LinkedHashSet<>();
        for (String t : type) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    types.add(part.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return types;
    }
}
