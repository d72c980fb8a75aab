package dev.hindsight.web.timeline;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.text.Durations;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.event.Events;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.search.timeline.Timelines;
import dev.hindsight.web.search.SavedSearches;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident workspace: its timeline, moments, findings, similar incidents and entries to curate; and the form that
 * attaches events found by a search to it.
 */
@Controller
class WorkspacePage {

    private final IncidentCatalog incidents;
    private final IncidentLifecycle lifecycle;
    private final Timelines timelines;
    private final Events events;
    private final Accounts accounts;
    private final AuditLog audit;
    private final SavedSearches savedSearches;

    WorkspacePage(IncidentCatalog incidents, IncidentLifecycle lifecycle, Timelines timelines, Events events,
            Accounts accounts, AuditLog audit, SavedSearches savedSearches) {
        this.savedSearches = savedSearches;
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.timelines = timelines;
        this.events = events;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/incidents/{key}")
    String incident(@PathVariable String key, @RequestParam(required = false) @Nullable String storyline,
            Model model) {
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.require(key, viewer);
        audit.restrictedView(incident, viewer.name(), "view incident page");
        Timeline timeline = timelines.timeline(incident.key(), viewer);
        Map<String, Timeline.Storyline> storylines = new LinkedHashMap<>();
        timeline.storylines().forEach(s -> storylines.put(s.id(), s));
        List<Timeline.Entry> entries = storyline == null
                ? timeline.entries()
                : timeline.entries().stream().filter(e -> e.storyline().equals(storyline)).toList();
        model.addAttribute("incident", incident);
        model.addAttribute("details", lifecycle.details(incident.key(), viewer));
        model.addAttribute("changes", lifecycle.changes(incident.key(), viewer, 50));
        model.addAttribute("users", accounts.usernames());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("timeline", timeline);
        model.addAttribute("storylines", storylines);
        model.addAttribute("entries", entries);
        model.addAttribute("selected", storyline);
        model.addAttribute("sources", new TreeSet<>(timeline.entries().stream().map(Timeline.Entry::source).toList()));
        model.addAttribute("kinds", new TreeSet<>(timeline.entries().stream().map(e -> e.kind().name()).toList()));
        model.addAttribute("services", new TreeSet<>(
                timeline.entries().stream().map(Timeline.Entry::service).filter(Objects::nonNull).toList()));
        model.addAttribute("hosts",
                new TreeSet<>(timeline.entries().stream().map(Timeline.Entry::host).filter(Objects::nonNull).toList()));
        model.addAttribute("similar", timelines.similar(incident.key(), viewer, 5));
        model.addAttribute("savedSearches", savedSearches.list(CurrentViewer.actor()));
        Timeline.Metrics m = timeline.metrics();
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("Time to detect", Durations.readableSeconds(m.timeToDetectSeconds()));
        if (timeline.impact() != null && timeline.impact().detectedAfterSeconds() != null
                && !timeline.impact().detectedAfterSeconds().equals(m.timeToDetectSeconds())) {
            metrics.put("Time to detect, from the first symptom",
                    Durations.readableSeconds(timeline.impact().detectedAfterSeconds()));
        }
        metrics.put("Time to acknowledge", Durations.readableSeconds(m.timeToAcknowledgeSeconds()));
        metrics.put("Time to first comms", Durations.readableSeconds(m.timeToFirstCommsSeconds()));
        metrics.put("Time to mitigate", Durations.readableSeconds(m.timeToMitigateSeconds()));
        metrics.put("Time to resolve", Durations.readableSeconds(m.timeToResolveSeconds()));
        model.addAttribute("metrics", metrics);
        model.addAttribute("dur", (java.util.function.Function<Long, String>) Durations::readableSeconds);
        return "incident";
    }

    /** Attaches the events ticked in search results: only events the viewer can see, to an incident they can see. */
    @PostMapping("/incidents/{key}/attach")
    String attach(@PathVariable String key, @RequestParam(name = "event", required = false) @Nullable List<String> ids,
            @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        var viewer = CurrentViewer.get();
        int attached = events.attach(key, ids == null ? List.of() : ids, viewer);
        audit.record(viewer.name(), "attach events", key, "success", attached + " attached");
        redirect.addFlashAttribute("saved", attached + " events attached to " + key + ".");
        return "redirect:" + (back.startsWith("/search") ? back : "/incidents/" + key);
    }
}
