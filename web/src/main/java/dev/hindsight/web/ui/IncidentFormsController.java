package dev.hindsight.web.ui;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.store.EventRows;
import dev.hindsight.search.store.JdbcEventStore;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The forms that declare an incident and attach events found by a search to one. */
@Controller
class IncidentFormsController {

    private final Incidents incidents;
    private final JdbcEventStore store;
    private final EventRows rows;
    private final AuditLog audit;

    IncidentFormsController(Incidents incidents, JdbcEventStore store, EventRows rows, AuditLog audit) {
        this.incidents = incidents;
        this.store = store;
        this.rows = rows;
        this.audit = audit;
    }

    @PostMapping("/incidents")
    String declare(@RequestParam String key, @RequestParam String title, @RequestParam String from,
            @RequestParam String to,
            @RequestParam(defaultValue = "UTC") String zone, @RequestParam(defaultValue = "SEV3") Severity severity,
            @RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable String commander,
            @RequestParam(defaultValue = "false") boolean restricted, RedirectAttributes redirect) {
        Instant start = LocalTimes.parse(from, zone, "from");
        Instant end = LocalTimes.parse(to, zone, "to");
        if (start == null || end == null) {
            throw new IllegalArgumentException("an incident needs the start and end of its window");
        }
        String by = CurrentViewer.get().name();
        IncidentSummary created = incidents.create(new NewIncident(key.strip(), title.strip(), start, end, severity,
                scope == null || scope.isBlank() ? null : scope.strip(),
                commander == null || commander.isBlank() ? by : commander.strip(),
                restricted, restricted ? Set.of(by) : Set.of()));
        audit.record(CurrentViewer.actor(), "declare incident", created.key(), "success",
                restricted ? "restricted" : null);
        redirect.addFlashAttribute("saved",
                "Declared " + created.key() + ". Attach evidence from a search, or upload it on the Ingest page.");
        return "redirect:/incidents/" + created.key();
    }

    /** Attaches the events ticked in search results; only events the viewer can see, to an incident they can see. */
    @PostMapping("/incidents/{key}/attach")
    String attach(@PathVariable String key,
            @RequestParam(name = "event", required = false) @Nullable List<String> events,
            @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        var viewer = CurrentViewer.get();
        IncidentSummary incident = incidents.find(key, viewer)
                .orElseThrow(() -> new NotFoundException("no incident " + key));
        Set<String> hidden = incidents.hiddenFrom(viewer);
        List<String> visible = events == null
                ? List.of()
                : rows.byIds(events).stream()
                        .filter(e -> e.incidents().stream().noneMatch(hidden::contains)).map(e -> e.id()).toList();
        int attached = visible.isEmpty() ? 0 : store.attach(incident.key(), visible);
        audit.record(CurrentViewer.actor(), "attach events", incident.key(), "success", attached + " attached");
        redirect.addFlashAttribute("saved", attached + " events attached to " + incident.key() + ".");
        return "redirect:" + (back.startsWith("/search") ? back : "/incidents/" + incident.key());
    }
}
