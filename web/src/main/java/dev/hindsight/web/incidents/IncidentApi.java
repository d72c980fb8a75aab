package dev.hindsight.web.incidents;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentChange;
import dev.hindsight.search.incident.IncidentDetails;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incidents, as {@code incident list} and {@code incident create} on the command line. */
@RestController
@RequestMapping("/api/incidents")
class IncidentApi {

    private final IncidentCatalog incidents;
    private final IncidentLifecycle lifecycle;
    private final IncidentEdits edits;
    private final AuditLog audit;

    IncidentApi(IncidentCatalog incidents, IncidentLifecycle lifecycle, IncidentEdits edits, AuditLog audit) {
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.edits = edits;
        this.audit = audit;
    }

    /** An incident with everything recorded about it, as the single-incident endpoints answer. */
    record IncidentDetailView(String key, String title, Severity severity, String status, Instant from, Instant to,
            @Nullable String scope, @Nullable String commander, boolean restricted, long events,
            @Nullable String summary, @Nullable String scribe, @Nullable String commsLead, @Nullable String team,
            @Nullable String causeCategory, List<String> services, List<String> tags, List<String> participants,
            Instant updatedAt) {

        static IncidentDetailView of(IncidentDetails d, long events) {
            IncidentSummary i = d.incident();
            return new IncidentDetailView(i.key(), i.title(), i.severity(), i.status().name(), i.from(), i.to(),
                    i.scope(), i.commander(), i.restricted(), events, d.summary(), d.scribe(), d.commsLead(),
                    d.team(), d.causeCategory(), d.services().stream().sorted().toList(),
                    d.tags().stream().sorted().toList(), d.participants().stream().sorted().toList(), d.updatedAt());
        }
    }

    /** An incident with its number of attached events the caller may see. */
    /** An incident as lists show it; the same fields as {@code incident list --format json}. */
    record IncidentView(String key, String title, Severity severity, String status, Instant from, Instant to,
            @Nullable String scope, @Nullable String commander, boolean restricted, List<String> members,
            long events) {

        static IncidentView of(IncidentSummary i, long events) {
            return new IncidentView(i.key(), i.title(), i.severity(), i.status().name(), i.from(), i.to(), i.scope(),
                    i.commander(), i.restricted(), i.members().stream().sorted().toList(), events);
        }
    }

    /** The body of a declaration. */
    record Declaration(String key, String title, Instant from, Instant to, @Nullable Severity severity,
            @Nullable String scope, @Nullable String commander, @Nullable Boolean restricted,
            @Nullable Set<String> members) {}

    @GetMapping
    List<IncidentView> list() {
        var viewer = CurrentViewer.get();
        Map<String, Long> counts = incidents.eventCounts(viewer);
        return incidents.list(viewer).stream().map(i -> IncidentView.of(i, counts.getOrDefault(i.key(), 0L)))
                .toList();
    }

    @GetMapping("/{key}")
    IncidentDetailView get(@PathVariable String key) {
        var viewer = CurrentViewer.get();
        IncidentDetails incident = lifecycle.details(key, viewer);
        audit.restrictedView(incident.incident(), viewer.name(), "view incident");
        return IncidentDetailView.of(incident, incidents.eventCounts(viewer).getOrDefault(key, 0L));
    }

    /**
     * Changes what the body names: title, severity, status, summary, from, to, commander, scribe, commsLead, team,
     * causeCategory, services, tags, participants. Statuses: INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, CLOSED.
     */
    @PatchMapping("/{key}")
    IncidentDetailView update(@PathVariable String key, @RequestBody IncidentEdits.Patch patch) {
        var viewer = CurrentViewer.get();
        return IncidentDetailView.of(edits.apply(key, patch, viewer),
                incidents.eventCounts(viewer).getOrDefault(key, 0L));
    }

    /** What changed, newest first: field, from, to, who, when. */
    @GetMapping("/{key}/changes")
    List<IncidentChange> changes(@PathVariable String key, @RequestParam(defaultValue = "100") int limit) {
        return lifecycle.changes(key, CurrentViewer.get(), limit);
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
            throw new InvalidInputException(
                    "send both 'restricted' (true or false) and 'members' (a list of user names)");
        }
        if (change.members().stream().anyMatch(m -> m == null || m.isBlank() || m.length() > 100)) {
            throw new InvalidInputException("members are user names (1 to 100 characters)");
        }
        var viewer = CurrentViewer.get();
        IncidentSummary changed = incidents.setAccess(key, change.restricted(), change.members(), viewer);
        audit.record(viewer.name(), "change access", key, "success", (changed.restricted() ? "restricted" : "open")
                + ", members " + String.join(",", new TreeSet<>(changed.members())));
        return IncidentView.of(changed, incidents.eventCounts(viewer).getOrDefault(key, 0L));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentView create(@RequestBody Declaration d) {
        if (d.key() == null || d.title() == null || d.from() == null || d.to() == null) {
            throw new InvalidInputException("an incident needs key, title, from and to");
        }
        IncidentSummary created = incidents.create(new NewIncident(d.key(), d.title(), d.from(), d.to(),
                d.severity() == null ? Severity.SEV3 : d.severity(), d.scope(), d.commander(),
                Boolean.TRUE.equals(d.restricted()), d.members() == null ? Set.of() : d.members()),
                CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "declare incident", created.key(), "success",
                created.restricted() ? "restricted" : null);
        return IncidentView.of(created, 0);
    }
}
