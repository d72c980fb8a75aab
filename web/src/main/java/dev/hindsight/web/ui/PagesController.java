package dev.hindsight.web.ui;

import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.web.api.SearchQueries;
import dev.hindsight.web.security.CurrentViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The incidents list, event search and the login page. */
@Controller
class PagesController {

    static final int PAGE_SIZE = 50;

    private final Incidents incidents;
    private final EventSearch search;
    private final Path data;

    PagesController(Incidents incidents, EventSearch search, @Value("${hindsight.data}") Path data) {
        this.incidents = incidents;
        this.search = search;
        this.data = data;
    }

    @GetMapping("/")
    String incidents(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String filter, Model model) {
        String text = filter == null ? "" : filter.strip().toLowerCase(java.util.Locale.ROOT);
        List<dev.hindsight.core.incident.IncidentSummary> all = incidents.list(CurrentViewer.get());
        model.addAttribute("incidents", all.stream()
                .filter(i -> status == null || status.isBlank() || i.status().name().equals(status))
                .filter(i -> severity == null || severity.isBlank() || i.severity().name().equals(severity))
                .filter(i -> text.isEmpty() || i.key().toLowerCase(java.util.Locale.ROOT).contains(text)
                        || i.title().toLowerCase(java.util.Locale.ROOT).contains(text))
                .toList());
        model.addAttribute("total", all.size());
        model.addAttribute("status", status);
        model.addAttribute("severity", severity);
        model.addAttribute("filter", filter);
        model.addAttribute("severities", dev.hindsight.core.incident.Severity.values());
        model.addAttribute("statuses", dev.hindsight.core.incident.IncidentStatus.values());
        model.addAttribute("counts", incidents.eventCounts());
        model.addAttribute("samples",
                Files.isDirectory(data.resolve("samples")) ? data.resolve("samples").toString() : null);
        return "incidents";
    }

    @GetMapping("/search")
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "UTC") String zone,
            @RequestParam(defaultValue = "0") int offset,
            Model model) {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("attachable", incidents.list(CurrentViewer.get()));
        model.addAttribute("q", q);
        model.addAttribute("selectedSources", source == null ? List.of() : source);
        model.addAttribute("selectedKinds", kind == null ? List.of() : kind);
        model.addAttribute("incident", incident);
        try {
            SearchQuery query = SearchQueries.of(q.isBlank() ? "*" : q, LocalTimes.parse(from, zone, "from"),
                    LocalTimes.parse(to, zone, "to"),
                    incident, source, kind, null, null,
                    PAGE_SIZE, Math.max(0, offset), "default");
            SearchResult result = search.search(query.withHiddenIncidents(incidents.hiddenFrom(CurrentViewer.get())));
            model.addAttribute("result", result);
            model.addAttribute("offset", offset);
            model.addAttribute("pageSize", PAGE_SIZE);
        } catch (IllegalArgumentException e) { // a refused query, or a time that does not parse
            model.addAttribute("error", e.getMessage());
            model.addAttribute("result", new SearchResult(0, List.of(), Map.of()));
        }
        return "search";
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("firstRunFile",
                Files.exists(data.resolve("initial-admin-password"))
                        ? data.resolve("initial-admin-password").toString()
                        : null);
        return "login";
    }
}
