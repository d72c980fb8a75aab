package dev.hindsight.web.reports;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.analytics.Dashboard;
import dev.hindsight.reporting.export.DashboardXlsx;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.HtmlReport;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.DraftWriter;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The post-mortem, action item and dashboard pages; forms post here and come back to the page (post/redirect/get). */
@Controller
class ReportPagesController {

    private final Reports reports;
    private final PostMortems postMortems;
    private final ActionItems actions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final PostMortemTemplates templates;

    ReportPagesController(Reports reports, PostMortems postMortems, ActionItems actions, AuditLog audit,
            JsonMapper json,
            PostMortemTemplates templates) {
        this.templates = templates;
        this.reports = reports;
        this.postMortems = postMortems;
        this.actions = actions;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/incidents/{key}/postmortem")
    String postMortem(@PathVariable String key, @RequestParam(required = false) @Nullable Integer from,
            @RequestParam(required = false) @Nullable Integer to, Model model) {
        Report report = reports.report(key, CurrentViewer.get(), ZoneId.of("UTC"));
        IncidentSummary incident = report.incident();
        model.addAttribute("incident", incident);
        model.addAttribute("pm", report.postMortem());
        model.addAttribute("preview", HtmlReport.body(report));
        model.addAttribute("actions", report.actions());
        model.addAttribute("versions", postMortems.versions(incident.key()));
        model.addAttribute("template", report.template());
        model.addAttribute("templates", templates.list());
        model.addAttribute("formats", Arrays.stream(ExportFormat.values()).map(ExportFormat::extension).toList());
        model.addAttribute("types", ActionItem.Type.values());
        model.addAttribute("priorities", ActionItem.Priority.values());
        if (from != null && to != null) {
            model.addAttribute("diff", postMortems.diff(incident.key(), from, to));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem")
    String savePostMortem(@PathVariable String key, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        String incident = reports.incident(key, CurrentViewer.get()).key();
        String template = form.get("template");
        if (template != null && templates.find(template).isEmpty()) {
            throw new IllegalArgumentException("no template \"" + template + "\"");
        }
        Map<Section, String> sections = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            String text = form.get(s.name());
            if (text != null) {
                sections.put(s, text.replace("\r\n", "\n"));
            }
        }
        var saved = postMortems.save(incident, sections, template, form.get("cause"), CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "edit postmortem", incident, "success", "version " + saved.version());
        redirect.addFlashAttribute("saved", "Saved as version " + saved.version() + ".");
        return "redirect:/incidents/" + incident + "/postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem/status")
    String setStatus(@PathVariable String key, @RequestParam ReviewStatus status, RedirectAttributes redirect) {
        var changed = reports.review(key, CurrentViewer.get(), status, CurrentViewer.actor());
        redirect.addFlashAttribute("saved",
                "Now " + status.name().replace('_', ' ').toLowerCase() + " (version " + changed.version() + ").");
        return "redirect:/incidents/" + changed.incidentKey() + "/postmortem";
    }

    @PostMapping("/incidents/{key}/actions")
    String openItem(@PathVariable String key, @RequestParam String title,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team, @RequestParam ActionItem.Type type,
            @RequestParam ActionItem.Priority priority,
            @RequestParam(required = false) @Nullable String dueDate, RedirectAttributes redirect) {
        String incident = reports.incident(key, CurrentViewer.get()).key();
        ActionItem item = actions.open(new NewActionItem(incident, title, null, owner, team, type, priority,
                dueDate == null || dueDate.isBlank() ? null : LocalDate.parse(dueDate)), CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "open action item", incident + "#" + item.id(), "success", item.title());
        redirect.addFlashAttribute("saved", "Action item " + item.id() + " opened.");
        return "redirect:/incidents/" + incident + "/postmortem";
    }

    @PostMapping("/incidents/{key}/actions/from-lessons")
    String trackLessons(@PathVariable String key, RedirectAttributes redirect) {
        List<ActionItem> opened = reports.trackLessons(key, CurrentViewer.get(), CurrentViewer.actor());
        redirect.addFlashAttribute("saved", opened.isEmpty()
                ? "Every lesson already has an action item."
                : opened.size() + " action items opened; give each an owner and a due date.");
        return "redirect:/incidents/" + key + "/postmortem";
    }

    @GetMapping("/actions")
    String actionItems(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team, @RequestParam(defaultValue = "false") boolean board,
            Model model) {
        var viewer = CurrentViewer.get();
        var hidden = reports.hiddenFrom(viewer);
        List<ActionItem> items = actions.list(new ActionItems.Filter(null, blank(owner), blank(team), overdue, board),
                hidden);
        Map<String, List<ActionItem>> byTeam = new TreeMap<>();
        items.forEach(a -> byTeam
                .computeIfAbsent(a.team() == null ? "(no team)" : a.team(), t -> new java.util.ArrayList<>()).add(a));
        model.addAttribute("items", items);
        model.addAttribute("byTeam", byTeam);
        model.addAttribute("board", board);
        model.addAttribute("overdue", overdue ? "true" : null);
        model.addAttribute("owner", blank(owner));
        model.addAttribute("team", blank(team));
        model.addAttribute("me", viewer.name());
        model.addAttribute("view", overdue || owner != null || team != null || board ? "filtered" : "all");
        model.addAttribute("today", actions.today());
        model.addAttribute("statuses", ActionItem.Status.values());
        model.addAttribute("overdueCount",
                actions.list(new ActionItems.Filter(null, null, null, true, false), hidden).size());
        model.addAttribute("description", board
                ? "Open items by team."
                : overdue
                        ? "Open items past their due date."
                        : owner != null
                                ? "Items owned by " + owner + "."
                                : team != null
                                        ? "Items of team " + team + "."
                                        : "All action items, soonest due first.");
        return "actions";
    }

    @PostMapping("/actions/{id}")
    String changeItem(@PathVariable long id, @RequestParam ActionItem.Status status) {
        ActionItem item = reports.visibleItem(id, CurrentViewer.get());
        actions.change(id, new ActionItems.Change(null, null, null, null, null, null, status, null),
                CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success",
                "status " + status);
        return "redirect:/actions#item-" + id;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        Dashboard d = reports.dashboard(CurrentViewer.get());
        model.addAttribute("dashboard", d);
        model.addAttribute("claims", d.providers().stream().flatMap(p -> p.claims().stream()).toList());
        model.addAttribute("dur", (Function<Long, String>) DraftWriter::duration);
        // JSON inside a script element: '<' escaped so no text can close the element
        model.addAttribute("json",
                json.writeValueAsString(d).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
        return "dashboard";
    }

    @GetMapping("/dashboard.xlsx")
    ResponseEntity<byte[]> dashboardXlsx() {
        byte[] body = DashboardXlsx.render(reports.dashboard(CurrentViewer.get()));
        audit.record(CurrentViewer.actor(), "export", "dashboard", "success", "xlsx");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ExportFormat.XLSX.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("hindsight-dashboard.xlsx").build().toString())
                .body(body);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
