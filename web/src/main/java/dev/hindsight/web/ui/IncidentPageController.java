package dev.hindsight.web.ui;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.incident.SimilarIncidents;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.timeline.TimelineEngine;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The incident workspace: its timeline, moments, findings, similar incidents and entries to curate. */
@Controller
class IncidentPageController {

    private final Incidents incidents;
    private final TimelineEngine engine;
    private final AuditLog audit;
    private final SimilarIncidents similar;

    IncidentPageController(Incidents incidents, TimelineEngine engine, AuditLog audit, SimilarIncidents similar) {
        this.similar = similar;
        this.incidents = incidents;
        this.engine = engine;
        this.audit = audit;
    }

    @GetMapping("/incidents/{key}")
    String incident(@PathVariable String key, @RequestParam(required = false) @Nullable String storyline, Model model) {
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.find(key, viewer)
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        if (incident.restricted()) {
            audit.record(viewer.name(), "view incident page", incident.key(), "success", "restricted incident");
        }
        Timeline timeline = engine.build(incident, incidents.hiddenFrom(viewer));
        Map<String, Timeline.Storyline> storylines = new LinkedHashMap<>();
        timeline.storylines().forEach(s -> storylines.put(s.id(), s));
        List<Timeline.Entry> entries = storyline == null
                ? timeline.entries()
                : timeline.entries().stream().filter(e -> e.storyline().equals(storyline)).toList();
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", timeline);
        model.addAttribute("storylines", storylines);
        model.addAttribute("entries", entries);
        model.addAttribute("selected", storyline);
        model.addAttribute("sources",
                new java.util.TreeSet<>(timeline.entries().stream().map(Timeline.Entry::source).toList()));
        model.addAttribute("kinds",
                new java.util.TreeSet<>(timeline.entries().stream().map(e -> e.kind().name()).toList()));
        model.addAttribute("services", new java.util.TreeSet<>(timeline.entries().stream().map(Timeline.Entry::service)
                .filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("hosts", new java.util.TreeSet<>(timeline.entries().stream().map(Timeline.Entry::host)
                .filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("similar", similar.of(incident, viewer, 5));
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("Time to detect", duration(timeline.metrics().timeToDetectSeconds()));
        metrics.put("Time to acknowledge", duration(timeline.metrics().timeToAcknowledgeSeconds()));
        metrics.put("Time to first comms", duration(timeline.metrics().timeToFirstCommsSeconds()));
        metrics.put("Time to mitigate", duration(timeline.metrics().timeToMitigateSeconds()));
        metrics.put("Time to resolve", duration(timeline.metrics().timeToResolveSeconds()));
        model.addAttribute("metrics", metrics);
        return "incident";
    }

    /** A duration in seconds as people read it: 7 min 12 s, 12 h 23 min. */
    static String duration(@Nullable Long seconds) {
        if (seconds == null) {
            return "–";
        }
        long m = seconds / 60;
        return m >= 60 ? (m / 60) + " h " + (m % 60) + " min" : m + " min " + (seconds % 60) + " s";
    }
}
