package dev.hindsight.web.reports;

import dev.hindsight.reporting.actions.ActionFeeds;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.JiraTracker;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.Exporter;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.LineDiff;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Post-mortems, their exports and action items over REST, as the {@code export} and {@code actions} commands. */
@RestController
class ReportsApi {

    private final Reports reports;
    private final PostMortems postMortems;
    private final ActionItems actions;
    private final AuditLog audit;
    private final JiraTracker jira;
    private final PostMortemTemplates templates;

    ReportsApi(Reports reports, PostMortems postMortems, ActionItems actions, AuditLog audit, JiraTracker jira,
            PostMortemTemplates templates) {
        this.templates = templates;
        this.jira = jira;
        this.reports = reports;
        this.postMortems = postMortems;
        this.actions = actions;
        this.audit = audit;
    }

    /** Sections to save (all, or the changed ones) and, optionally, another template to switch to. */
    record SectionsEdit(@Nullable Map<Section, String> sections, @Nullable String template, @Nullable String cause) {}

    record StatusChange(ReviewStatus status) {}

    @GetMapping("/api/incidents/{key}/postmortem")
    PostMortem postMortem(@PathVariable String key) {
        return reports.postMortem(key, CurrentViewer.get());
    }

    @PutMapping("/api/incidents/{key}/postmortem")
    PostMortem save(@PathVariable String key, @RequestBody SectionsEdit body) {
        String incident = reports.incident(key, CurrentViewer.get()).key();
        if ((body.sections() == null || body.sections().isEmpty()) && body.template() == null && body.cause() == null) {
            throw new IllegalArgumentException(
                    "give the sections to save, e.g. {\"sections\": {\"SUMMARY\": \"...\"}}, or a template");
        }
        if (body.template() != null && templates.find(body.template()).isEmpty()) {
            throw new IllegalArgumentException(
                    "no template \"" + body.template() + "\"; see GET /api/postmortem-templates");
        }
        PostMortem saved = postMortems.save(incident, body.sections() == null ? Map.of() : body.sections(),
                body.template(), body.cause(),
                CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "edit postmortem", incident, "success", "version " + saved.version());
        return saved;
    }

    /** Saving the generated draft first when nothing was saved yet, so a review starts from what people saw. */
    @GetMapping("/api/postmortem-templates")
    List<PostMortemTemplate> templates() {
        return templates.list();
    }

    /** Adds or replaces a team's template: its sections (from the standard set) in order, with headings and guidance. */
    @PostMapping("/api/postmortem-templates")
    @ResponseStatus(HttpStatus.CREATED)
    PostMortemTemplate saveTemplate(@RequestBody PostMortemTemplate template) {
        PostMortemTemplate saved = templates.save(template, CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "save postmortem template", saved.name(), "success",
                saved.sections().size() + " sections");
        return saved;
    }

    @PostMapping("/api/incidents/{key}/postmortem/status")
    PostMortem status(@PathVariable String key, @RequestBody StatusChange body) {
        if (body.status() == null) {
            throw new IllegalArgumentException("give the new status: DRAFT, IN_REVIEW or PUBLISHED");
        }
        return reports.review(key, CurrentViewer.get(), body.status(), CurrentViewer.actor());
    }

    @GetMapping("/api/incidents/{key}/postmortem/versions")
    List<PostMortems.Version> versions(@PathVariable String key) {
        return postMortems.versions(reports.incident(key, CurrentViewer.get()).key());
    }

    @GetMapping("/api/incidents/{key}/postmortem/diff")
    List<LineDiff.Line> diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return postMortems.diff(reports.incident(key, CurrentViewer.get()).key(), from, to);
    }

    @GetMapping("/api/incidents/{key}/export")
    ResponseEntity<byte[]> export(@PathVariable String key, @RequestParam String format,
            @RequestParam(required = false) @Nullable String zone) {
        ExportFormat f = ExportFormat.parse(format);
        Report report = reports.report(key, CurrentViewer.get(), zone(zone));
        byte[] body = Exporter.export(report, f);
        audit.record(CurrentViewer.actor(), "export", key, "success",
                f.extension() + (report.incident().restricted() ? ", restricted incident" : ""));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("postmortem-" + report.incident().key() + "." + f.extension()).build().toString())
                .body(body);
    }

    /** Action items the viewer may see, as JSON, CSV, Jira's import CSV or an iCalendar feed of due dates. */
    @GetMapping("/api/actions")
    ResponseEntity<?> list(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(defaultValue = "json") String format) {
        var viewer = CurrentViewer.get();
        List<ActionItem> items = actions.list(new ActionItems.Filter(incident, owner, team, overdue, false),
                reports.hiddenFrom(viewer));
        return switch (format) {
            case "json" -> ResponseEntity.ok(items);
            case "csv" -> text(ActionFeeds.csv(items), "text/csv", "action-items.csv");
            case "jira-csv" -> text(ActionFeeds.jiraCsv(items), "text/csv", "action-items-jira.csv");
            case "ics" -> text(ActionFeeds.ics(items, actions.now()), "text/calendar", "action-items.ics");
            default ->
                throw new IllegalArgumentException("format must be json, csv, jira-csv or ics, not \"" + format + "\"");
        };
    }

    record NewItem(String title, @Nullable String lesson, @Nullable String owner, @Nullable String team,
            ActionItem.@Nullable Type type,
            ActionItem.@Nullable Priority priority, @Nullable LocalDate dueDate) {}

    @PostMapping("/api/incidents/{key}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    ActionItem open(@PathVariable String key, @RequestBody NewItem body) {
        String incident = reports.incident(key, CurrentViewer.get()).key();
        ActionItem item = actions
                .open(new NewActionItem(incident, body.title(), body.lesson(), body.owner(), body.team(),
                        body.type() == null ? ActionItem.Type.PREVENT : body.type(),
                        body.priority() == null ? ActionItem.Priority.P3 : body.priority(),
                        body.dueDate()), CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "open action item", incident + "#" + item.id(), "success", item.title());
        return item;
    }

    /** One action item per lesson learned that has none yet. */
    @PostMapping("/api/incidents/{key}/actions/from-lessons")
    @ResponseStatus(HttpStatus.CREATED)
    List<ActionItem> fromLessons(@PathVariable String key) {
        return reports.trackLessons(key, CurrentViewer.get(), CurrentViewer.actor());
    }

    @PatchMapping("/api/actions/{id}")
    ActionItem change(@PathVariable long id, @RequestBody ActionItems.Change change) {
        visibleItem(id);
        ActionItem item = actions.change(id, change, CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success", null);
        return item;
    }

    /** Creates the item's Jira issue (once) and keeps its key as the tracker key. */
    @PostMapping("/api/actions/{id}/jira")
    ActionItem createJiraIssue(@PathVariable long id) {
        ActionItem item = visibleItem(id);
        if (item.trackerKey() != null) {
            return item; // already tracked: never a second issue
        }
        String key = jira.create(item);
        ActionItem tracked = actions.change(id, new ActionItems.Change(null, null, null, null, null, null, null, key),
                CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "create jira issue", item.incidentKey() + "#" + id, "success", key);
        return tracked;
    }

    @GetMapping("/api/actions/{id}/history")
    List<ActionItems.FieldChange> history(@PathVariable long id) {
        visibleItem(id);
        return actions.history(id);
    }

    private ActionItem visibleItem(long id) {
        return reports.visibleItem(id, CurrentViewer.get());
    }

    private static ResponseEntity<byte[]> text(String body, String type, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type + "; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(filename).build().toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static ZoneId zone(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "unknown time zone \"" + zone + "\"; use an IANA id such as Europe/Berlin");
        }
    }
}
