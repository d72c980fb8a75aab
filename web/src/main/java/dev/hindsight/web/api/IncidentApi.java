package dev.hindsight.web.api;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.incident.SimilarIncidents;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.timeline.TimelineEngine;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incidents, as {@code incident list} and {@code incident create} on the command line. */
@RestController
@RequestMapping("/api/incidents")
class IncidentApi {

    private final Incidents incidents;
    private final TimelineEngine engine;
    private final AuditLog audit;
    private final SimilarIncidents similar;

    IncidentApi(Incidents incidents, TimelineEngine engine, AuditLog audit, SimilarIncidents similar) {
        this.incidents = incidents;
        this.engine = engine;
        this.audit = audit;
        this.similar = similar;
    }

    /** An incident with its number of attached events. */
    record IncidentView(
            String key,
            String title,
            Severity severity,
            String status,
            Instant from,
            Instant to,
            @Nullable String scope,
            @Nullable String commander,
            boolean restricted,
            long events) {

        static IncidentView of(IncidentSummary i, long events) {
            return new IncidentView(i.key(), i.title(), i.severity(), i.status().name(), i.from(), i.to(), i.scope(),
                    i.commander(), i.restricted(), events);
        }
    }

    /** The body of a declaration. */
    record Declaration(
            String key,
            String title,
            Instant from,
            Instant to,
            @Nullable Severity severity,
            @Nullable String scope,
            @Nullable String commander,
            @Nullable Boolean restricted,
            @Nullable Set<String> members) {}

    @GetMapping
    List<IncidentView> list() {
        Map<String, Long> counts = incidents.eventCounts();
        return incidents.list(CurrentViewer.get()).stream()
                .map(i -> IncidentView.of(i, counts.getOrDefault(i.key(), 0L)))
                .toList();
    }

    @GetMapping("/{key}")
    IncidentView get(@PathVariable String key) {
        IncidentSummary incident = incidents.find(key, CurrentViewer.get())
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        auditRestricted(incident, "view incident");
        return IncidentView.of(incident, incidents.eventCounts().getOrDefault(key, 0L));
    }

    /** The timeline JSON of the contract, built for this viewer (events of incidents hidden from them left out). */
    @GetMapping("/{key}/timeline")
    Timeline timeline(@PathVariable String key) {
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.find(key, viewer)
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        auditRestricted(incident, "view timeline");
        return engine.build(incident, incidents.hiddenFrom(viewer));
    }

    /** Other incidents that read like this one, most similar first, each with the reason. */
    @GetMapping("/{key}/similar")
    List<SimilarIncidents.Similar> similar(@PathVariable String key,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "5") int limit) {
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.find(key, viewer)
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        return similar.of(incident, viewer, limit);
    }

    private void auditRestricted(IncidentSummary incident, String action) {
        if (incident.restricted()) {
            audit.record(CurrentViewer.get().name(), action, incident.key(), "success", "restricted incident");
        }
    }

    /** Who may see the incident. Members are user names; the incident's commander always sees it. */
    record Access(@Nullable Boolean restricted, @Nullable Set<String> members) {}

    /**
     * Restricts or opens an incident and sets its members, in one change. Commanders and admins who can see the
     * incident may do this; a commander cannot shut themselves out (Timesketch's owner-revocation bug).
     */
    @PutMapping("/{key}/access")
    IncidentView access(@PathVariable String key, @RequestBody Access change) {
        if (change.restricted() == null || change.members() == null) {
            throw new IllegalArgumentException(
                    "send both 'restricted' (true or false) and 'members' (a list of user names)");
        }
        if (change.members().stream().anyMatch(m -> m == null || m.isBlank() || m.length() > 100)) {
            throw new IllegalArgumentException("members are user names (1 to 100 characters)");
        }
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.find(key, viewer)
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        if (change.restricted() && !viewer.admin() && !change.members().contains(viewer.name())
                && !viewer.name().equals(incident.commander())) {
            throw new IllegalArgumentException("you would lose access to " + key + "; include yourself in 'members'");
        }
        IncidentSummary changed = incidents.setAccess(key, change.restricted(), change.members());
        audit.record(viewer.name(), "change access", key, "success",
                (changed.restricted() ? "restricted" : "open") + ", members "
                        + String.join(",", new java.util.TreeSet<>(changed.members())));
        return IncidentView.of(changed, incidents.eventCounts().getOrDefault(key, 0L));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView create(@RequestBody Declaration d) {
        if (d.key() == null || d.title() == null || d.from() == null || d.to() == null) {
            throw new IllegalArgumentException("an incident needs key, title, from and to");
        }
        IncidentSummary created = incidents.create(new NewIncident(d.key(), d.title(), d.from(), d.to(),
                d.severity() == null ? Severity.SEV3 : d.severity(), d.scope(), d.commander(),
                Boolean.TRUE.equals(d.restricted()),
                d.members() == null ? Set.of() : d.members()));
        return IncidentView.of(created, 0);
    }
}
