package dev.hindsight.web.search;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.unified.UnifiedSearch;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.LocalTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One search over events and what people wrote, with facets (the type among them) and highlighted snippets; events
 * found here can be attached to an incident, and a search can be saved under a name.
 */
@Controller
class SearchPage {

    static final int PAGE_SIZE = 50;

    private final IncidentCatalog incidents;
    private final UnifiedSearch search;
    private final SavedSearches saved;

    SearchPage(IncidentCatalog incidents, UnifiedSearch search, SavedSearches saved) {
        this.incidents = incidents;
        this.search = search;
        this.saved = saved;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable List<String> type,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "UTC") String zone, @RequestParam(defaultValue = "0") int offset,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        var viewer = CurrentViewer.get();
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("attachable", incidents.list(viewer));
        model.addAttribute("q", q);
        model.addAttribute("queryString", request.getQueryString());
        model.addAttribute("selectedSources", source == null ? List.of() : source);
        model.addAttribute("selectedKinds", kind == null ? List.of() : kind);
        model.addAttribute("selectedTypes", List.copyOf(SearchQueries.types(type)));
        model.addAttribute("savedSearches", saved.list(CurrentViewer.actor()));
        model.addAttribute("incident", incident);
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE_SIZE);
        try {
            SearchQuery query = SearchQueries.of(q.isBlank() ? "*" : q, LocalTimes.parse(from, zone, "from"),
                    LocalTimes.parse(to, zone, "to"), incident, source, kind, null, null, PAGE_SIZE,
                    Math.max(0, offset), "default");
            model.addAttribute("result", search.search(query, SearchQueries.types(type), viewer));
        } catch (InvalidInputException e) { // a refused query, or a time that does not parse
            // the user's mistake: 400 with the reason beside the query as typed, never an error page
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("result", new UnifiedSearch.Result(0, List.of(), Map.of()));
        }
        return "search";
    }

    @PostMapping("/search/saved")
    String saveSearch(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String query,
            @RequestParam(defaultValue = "false") boolean shared, RedirectAttributes redirect) {
        var kept = saved.save(CurrentViewer.actor(), name, query, shared);
        redirect.addFlashAttribute("saved", "Saved as \u201c" + kept.name() + "\u201d"
                + (kept.shared() ? ", shared with everyone." : "."));
        return "redirect:" + kept.link();
    }

    @PostMapping("/search/saved/{id}/delete")
    String deleteSearch(@PathVariable long id, RedirectAttributes redirect) {
        saved.delete(CurrentViewer.actor(), id);
        redirect.addFlashAttribute("saved", "Saved search deleted.");
        return "redirect:/search";
    }
}
