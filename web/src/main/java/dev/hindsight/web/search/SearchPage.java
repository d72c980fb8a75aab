package dev.hindsight.web.search;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.LocalTimes;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Event search with facets and highlighted snippets; events found here can be attached to an incident. */
@Controller
class SearchPage {

    static final int PAGE_SIZE = 50;

    private final IncidentCatalog incidents;
    private final EventSearch search;

    SearchPage(IncidentCatalog incidents, EventSearch search) {
        this.incidents = incidents;
        this.search = search;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "UTC") String zone, @RequestParam(defaultValue = "0") int offset,
            Model model, HttpServletResponse response) {
        var viewer = CurrentViewer.get();
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("attachable", incidents.list(viewer));
        model.addAttribute("q", q);
        model.addAttribute("selectedSources", source == null ? List.of() : source);
        model.addAttribute("selectedKinds", kind == null ? List.of() : kind);
        model.addAttribute("incident", incident);
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE_SIZE);
        try {
            SearchQuery query = SearchQueries.of(q.isBlank() ? "*" : q, LocalTimes.parse(from, zone, "from"),
                    LocalTimes.parse(to, zone, "to"), incident, source, kind, null, null, PAGE_SIZE,
                    Math.max(0, offset), "default");
            model.addAttribute("result", search.search(query, viewer));
        } catch (InvalidInputException e) { // a refused query, or a time that does not parse
            // the user's mistake: 400 with the reason beside the query as typed, never an error page
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("result", new SearchResult(0, List.of(), Map.of()));
        }
        return "search";
    }
}
