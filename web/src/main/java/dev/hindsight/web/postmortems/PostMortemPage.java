package dev.hindsight.web.postmortems;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.Exports;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortemReviews;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.Zones;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The post-mortem page: preview, editor, versions and diffs; forms post here and come back (post/redirect/get). */
@Controller
class PostMortemPage {

    private final PostMortems postMortems;
    private final PostMortemReviews reviews;
    private final ReviewerNames reviewerNames;
    private final PostMortemTemplates templates;
    private final Exports exports;
    private final Accounts accounts;
    private final AuditLog audit;

    PostMortemPage(PostMortems postMortems, PostMortemReviews reviews, ReviewerNames reviewerNames,
            PostMortemTemplates templates, Exports exports, Accounts accounts, AuditLog audit) {
        this.postMortems = postMortems;
        this.reviews = reviews;
        this.reviewerNames = reviewerNames;
        this.templates = templates;
        this.exports = exports;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/incidents/{key}/postmortem")
    String postMortem(@PathVariable String key, @RequestParam(required = false) @Nullable Integer from,
            @RequestParam(required = false) @Nullable Integer to,
            @CookieValue(name = Zones.COOKIE, required = false) @Nullable String zoneCookie, Model model) {
        var viewer = CurrentViewer.get();
        ZoneId zone = Zones.viewer(zoneCookie);
        model.addAttribute("zone", zone.getId());
        Report report = exports.report(key, zone, viewer);
        model.addAttribute("incident", report.incident());
        model.addAttribute("pm", report.postMortem());
        model.addAttribute("preview", exports.preview(key, zone, viewer));
        model.addAttribute("actions", report.actions());
        model.addAttribute("versions", postMortems.versions(key, viewer));
        model.addAttribute("template", report.template());
        model.addAttribute("templates", templates.list());
        model.addAttribute("formats", Arrays.stream(ExportFormat.values()).map(ExportFormat::extension).toList());
        model.addAttribute("types", ActionItem.Type.values());
        model.addAttribute("priorities", ActionItem.Priority.values());
        model.addAttribute("statuses", ActionItem.Status.values());
        model.addAttribute("today", java.time.LocalDate.now(zone));
        model.addAttribute("users", accounts.usernames());
        model.addAttribute("back", "/incidents/" + key + "/postmortem");
        model.addAttribute("review", reviews.review(key, viewer));
        model.addAttribute("comments", reviews.comments(key, viewer));
        model.addAttribute("sections", Section.values());
        model.addAttribute("editing", report.postMortem().sections());
        model.addAttribute("editVersion", report.postMortem().version());
        if (from != null && to != null) {
            model.addAttribute("diff", postMortems.diff(key, from, to, viewer));
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "postmortem";
    }

    /**
     * Saves the editor. When someone else saved since the editor was opened, nothing is overwritten: the page comes
     * back (409) with what changed, and the text as typed, based on the newest version so that saving again is a
     * deliberate choice.
     */
    @PostMapping("/incidents/{key}/postmortem")
    String savePostMortem(@PathVariable String key, @RequestParam Map<String, String> form,
            RedirectAttributes redirect, Model model, HttpServletResponse response,
            @CookieValue(name = Zones.COOKIE, required = false) @Nullable String zoneCookie) {
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
        Integer base = version(form.get("version"));
        PostMortem saved;
        try {
            saved = postMortems.save(key, new PostMortems.Edit(sections, template, form.get("cause"), base),
                    CurrentViewer.get());
        } catch (ConflictException stale) {
            postMortem(key, null, null, zoneCookie, model);
            Map<Section, String> typed = new EnumMap<>(Section.class);
            typed.putAll(((PostMortem) model.getAttribute("pm")).sections());
            typed.putAll(base == null ? sections : postMortems.editedSince(key, base, sections, CurrentViewer.get()));
            model.addAttribute("editing", typed);
            model.addAttribute("conflict", stale.getMessage());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return "postmortem";
        }
        audit.record(CurrentViewer.actor(), "edit postmortem", saved.incidentKey(), "success",
                "version " + saved.version());
        redirect.addFlashAttribute("saved", "Saved as version " + saved.version() + ".");
        return "redirect:/incidents/" + saved.incidentKey() + "/postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem/status")
    String setStatus(@PathVariable String key, @RequestParam ReviewStatus status, RedirectAttributes redirect) {
        var changed = changeStatus(postMortems, reviews, audit, key, status);
        redirect.addFlashAttribute("saved", "Now " + status.name().replace('_', ' ').toLowerCase(Locale.ROOT)
                + " (version " + changed.version() + ").");
        return "redirect:/incidents/" + changed.incidentKey() + "/postmortem";
    }

    /** A review state change, audited; an admin publishing without the approvals it takes is audited as such. */
    static PostMortem changeStatus(PostMortems postMortems, PostMortemReviews reviews, AuditLog audit, String key,
            ReviewStatus status) {
        var viewer = CurrentViewer.get();
        boolean override = status == ReviewStatus.PUBLISHED && !reviews.review(key, viewer).publishable();
        PostMortem changed = postMortems.review(key, status, viewer);
        audit.record(CurrentViewer.actor(), "postmortem " + status.name().toLowerCase(Locale.ROOT),
                changed.incidentKey(), "success", "version " + changed.version()
                        + (override ? ", published by an admin without the approvals it takes" : ""));
        return changed;
    }

    @PostMapping("/incidents/{key}/postmortem/reviewers")
    String requestReview(@PathVariable String key, @RequestParam(defaultValue = "") String reviewers,
            RedirectAttributes redirect) {
        List<String> names = reviewerNames.known(List.of(reviewers));
        var review = reviews.requestReview(key, names, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "request postmortem review", review.incidentKey(), "success",
                String.join(", ", names));
        redirect.addFlashAttribute("saved", "In review; asked " + String.join(", ", names) + ".");
        return "redirect:/incidents/" + review.incidentKey() + "/postmortem#review";
    }

    @PostMapping("/incidents/{key}/review/approve")
    String approve(@PathVariable String key, @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect) {
        var review = reviews.approve(key, note, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "approve postmortem", review.incidentKey(), "success",
                "version " + review.contentVersion());
        redirect.addFlashAttribute("saved", "Approved version " + review.contentVersion() + " ("
                + review.currentApprovals() + " of " + review.approvalsRequired() + " approvals).");
        return "redirect:/incidents/" + review.incidentKey() + "/postmortem#review";
    }

    @PostMapping("/incidents/{key}/review/comments")
    String comment(@PathVariable String key, @RequestParam(required = false) @Nullable String section,
            @RequestParam(required = false) @Nullable String entryId, @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        Section on = section == null || section.isBlank() ? null : Section.parse(section);
        var comment = reviews.comment(key, on, entryId == null || entryId.isBlank() ? null : entryId, body,
                CurrentViewer.get());
        redirect.addFlashAttribute("saved", "Comment added" + (comment.mentions().isEmpty()
                ? "."
                : "; mentioned " + String.join(", ", comment.mentions()) + "."));
        return "redirect:/incidents/" + key + "/postmortem#comments";
    }

    private static @Nullable Integer version(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("the version the editor started from is a number, not \"" + value + "\"");
        }
    }
}
