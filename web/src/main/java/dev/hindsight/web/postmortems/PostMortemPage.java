package dev.hindsight.web.postmortems;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.Exports;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The post-mortem page: preview, editor, versions and diffs; forms post here and come back (post/redirect/get). */
@Controller
class PostMortemPage {

    private final PostMortems postMortems;
    private final PostMortemTemplates templates;
    private final Exports exports;
    private final Accounts accounts;
    private final AuditLog audit;

    PostMortemPage(PostMortems postMortems, PostMortemTemplates templates, Exports exports, Accounts accounts,
            AuditLog audit) {
        this.postMortems = postMortems;
        this.templates = templates;
        this.exports = exports;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/incidents/{key}/postmortem")
    String postMortem(@PathVariable String key, @RequestParam(required = false) @Nullable Integer from,
            @RequestParam(required = false) @Nullable Integer to, Model model) {
        var viewer = CurrentViewer.get();
        Report report = exports.report(key, ZoneOffset.UTC, viewer);
        model.addAttribute("incident", report.incident());
        model.addAttribute("pm", report.postMortem());
        model.addAttribute("preview", exports.preview(key, ZoneOffset.UTC, viewer));
        model.addAttribute("actions", report.actions());
        model.addAttribute("versions", postMortems.versions(key, viewer));
        model.addAttribute("template", report.template());
        model.addAttribute("templates", templates.list());
        model.addAttribute("formats", Arrays.stream(ExportFormat.values()).map(ExportFormat::extension).toList());
        model.addAttribute("types", ActionItem.Type.values());
        model.addAttribute("priorities", ActionItem.Priority.values());
        model.addAttribute("statuses", ActionItem.Status.values());
        model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        model.addAttribute("users", accounts.usernames());
        model.addAttribute("back", "/incidents/" + key + "/postmortem");
        if (from != null && to != null) {
            model.addAttribute("diff", postMortems.diff(key, from, to, viewer));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem")
    String savePostMortem(@PathVariable String key, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        String template = form.get("template");
        if (template != null && templates.find(template).isEmpty()) {
            throw new InvalidInputException("no template \"" + template + "\"");
        }
        Map<Section, String> sections = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            String text = form.get(s.name());
            if (text != null) {
                sections.put(s, text.replace("\r\n", "\n"));
            }
        }
        var saved = postMortems.save(key, new PostMortems.Edit(sections, template, form.get("cause")),
                CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "edit postmortem", saved.incidentKey(), "success",
                "version " + saved.version());
        redirect.addFlashAttribute("saved", "Saved as version " + saved.version() + ".");
        return "redirect:/incidents/" + saved.incidentKey() + "/postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem/status")
    String setStatus(@PathVariable String key, @RequestParam ReviewStatus status, RedirectAttributes redirect) {
        var changed = postMortems.review(key, status, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "postmortem " + status.name().toLowerCase(Locale.ROOT),
                changed.incidentKey(), "success", "version " + changed.version());
        redirect.addFlashAttribute("saved", "Now " + status.name().replace('_', ' ').toLowerCase(Locale.ROOT)
                + " (version " + changed.version() + ").");
        return "redirect:/incidents/" + changed.incidentKey() + "/postmortem";
    }
}
