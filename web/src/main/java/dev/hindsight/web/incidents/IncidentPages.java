package dev.hindsight.web.incidents;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.DataRoot;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.LocalTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incidents list, and the form that declares an incident. */
@Controller
class IncidentPages {

    private final IncidentCatalog incidents;
    private final AuditLog audit;
    private final Path samples;

    IncidentPages(IncidentCatalog incidents, AuditLog audit, DataRoot data) {
        this.incidents = incidents;
        this.audit = audit;
        this.samples = data.resolve("samples");
    }

    @GetMapping("/")
    String incidents(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String filter, Model model) {
        var viewer = CurrentViewer.get();
        String text = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<IncidentSummary> all = incidents.list(viewer);
        model.addAttribute("incidents", all.stream()
                .filter(i -> status == null || status.isBlank() || i.status().name().equals(status))
                .filter(i -> severity == null || severity.isBlank() || i.severity().name().equals(severity))
                .filter(i -> text.isEmpty() || i.key().toLowerCase(Locale.ROOT).contains(text)
                        || i.title().toLowerCase(Locale.ROOT).contains(text))
                .toList());
        model.addAttribute("total", all.size());
        model.addAttribute("status", status);
        model.addAttribute("severity", severity);
        model.addAttribute("filter", filter);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("statuses", IncidentStatus.values());
        model.addAttribute("counts", incidents.eventCounts(viewer));
        model.addAttribute("samples", Files.isDirectory(samples) ? samples.toString() : null);
        return "incidents";
    }

    @PostMapping("/incidents")
    String declare(@RequestParam String key, @RequestParam String title, @RequestParam String from,
            @RequestParam String to, @RequestParam(defaultValue = "UTC") String zone,
            @RequestParam(defaultValue = "SEV3") Severity severity,
            @RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable String commander,
            @RequestParam(defaultValue = "false") boolean restricted, RedirectAttributes redirect) {
        Instant start = LocalTimes.parse(from, zone, "from");
        Instant end = LocalTimes.parse(to, zone, "to");
        if (start == null || end == null) {
            throw new InvalidInputException("an incident needs the start and end of its window");
        }
        var viewer = CurrentViewer.get();
        IncidentSummary created = incidents.create(new NewIncident(key.strip(), title.strip(), start, end, severity,
                scope == null || scope.isBlank() ? null : scope.strip(),
                commander == null || commander.isBlank() ? viewer.name() : commander.strip(), restricted,
                restricted ? Set.of(viewer.name()) : Set.of()), viewer);
        audit.record(viewer.name(), "declare incident", created.key(), "success", restricted ? "restricted" : null);
        redirect.addFlashAttribute("saved",
                "Declared " + created.key() + ". Attach evidence from a search, or upload it on the Ingest page.");
        return "redirect:/incidents/" + created.key();
    }
}
