package dev.hindsight.web.search;

import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.web.security.CurrentViewer;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Event search, as {@code search} on the command line; events of incidents the caller may not see never count. */
@RestController
class SearchApi {

    private final EventSearch search;

    SearchApi(EventSearch search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    SearchResult search(
            @RequestParam(defaultValue = "*") String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable List<String> service,
            @RequestParam(required = false) @Nullable List<String> host,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "default") String sort) {
        return search.search(SearchQueries.of(q, from, to, incident, source, kind, service, host, limit, offset, sort),
                CurrentViewer.get());
    }
}
