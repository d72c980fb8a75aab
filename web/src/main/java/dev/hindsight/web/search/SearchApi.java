package dev.hindsight.web.search;

import dev.hindsight.search.unified.UnifiedSearch;
import dev.hindsight.web.security.CurrentViewer;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * One search over events and what people wrote (incidents, post-mortem sections, action items, notes, comments),
 * each hit with its {@code type}; as {@code search} on the command line. Nothing of an incident the caller may not
 * see ever counts.
 */
@RestController
class SearchApi {

    private final UnifiedSearch search;
    private final SavedSearches saved;

    SearchApi(UnifiedSearch search, SavedSearches saved) {
        this.search = search;
        this.saved = saved;
    }

    record NewSavedSearch(@Nullable String name, @Nullable String query, boolean shared) {}

    /** The caller's saved searches, then those others shared. */
    @GetMapping("/api/saved-searches")
    List<SavedSearches.SavedSearch> savedSearches() {
        return saved.list(CurrentViewer.actor());
    }

    /** Saves a search: a name and the search page's query string ({@code q=...&type=...}). */
    @PostMapping("/api/saved-searches")
    @ResponseStatus(HttpStatus.CREATED)
    SavedSearches.SavedSearch saveSearch(@RequestBody NewSavedSearch body) {
        return saved.save(CurrentViewer.actor(), body.name() == null ? "" : body.name(),
                body.query() == null ? "" : body.query(), body.shared());
    }

    @DeleteMapping("/api/saved-searches/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSearch(@PathVariable long id) {
        saved.delete(CurrentViewer.actor(), id);
    }

    @GetMapping("/api/search")
    UnifiedSearch.Result search(
            @RequestParam(defaultValue = "*") String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable List<String> service,
            @RequestParam(required = false) @Nullable List<String> host,
            @RequestParam(required = false) @Nullable List<String> type,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "default") String sort) {
        return search.search(SearchQueries.of(q, from, to, incident, source, kind, service, host, limit, offset, sort),
                SearchQueries.types(type), CurrentViewer.get());
    }
}
