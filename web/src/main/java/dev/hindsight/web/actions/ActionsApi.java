package dev.hindsight.web.actions;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.actions.ActionFeeds;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Action items over REST, as the {@code actions} command: lists and feeds, opening, changing, Jira issues. */
@RestController
class ActionsApi {

    private final ActionItems actions;
    private final AuditLog audit;

    ActionsApi(ActionItems actions, AuditLog audit) {
        this.actions = actions;
        this.audit = audit;
    }

    /** Action items the viewer may see, as JSON, CSV, Jira's import CSV or an iCalendar feed of due dates. */
    @GetMapping("/api/actions")
    ResponseEntity<?> list(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(defaultValue = "json") String format) {
        List<ActionItem> items = actions.list(new ActionItems.Filter(incident, owner, team, overdue, false),
                CurrentViewer.get());
        return switch (format) {
            case "json" -> ResponseEntity.ok(items);
            case "csv" -> text(ActionFeeds.csv(items), "text/csv", "action-items.csv");
            case "jira-csv" -> text(ActionFeeds.jiraCsv(items), "text/csv", "action-items-jira.csv");
            case "ics" -> text(ActionFeeds.ics(items, actions.now()), "text/calendar", "action-items.ics");
            default -> throw new InvalidInputException(
                    "format must be json, csv, jira-csv or ics, not \"" + format + "\"");
        };
    }

    record NewItem(String title, @Nullable String lesson, @Nullable String owner, @Nullable String team,
            ActionItem.@Nullable Type type, ActionItem.@Nullable Priority priority, @Nullable LocalDate dueDate) {}

    @PostMapping("/api/incidents/{key}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    ActionItem open(@PathVariable String key, @RequestBody NewItem body) {
        ActionItem item = actions.open(key,
                new NewActionItem(key, body.title(), body.lesson(), body.owner(), body.team(),
                        body.type() == null ? ActionItem.Type.PREVENT : body.type(),
                        body.priority() == null ? ActionItem.Priority.P3 : body.priority(), body.dueDate()),
                CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "open action item", item.incidentKey() + "#" + item.id(), "success",
                item.title());
        return item;
    }

    /** One action item per lesson learned that has none yet. */
    @PostMapping("/api/incidents/{key}/actions/from-lessons")
    @ResponseStatus(HttpStatus.CREATED)
    List<ActionItem> fromLessons(@PathVariable String key) {
        List<ActionItem> opened = actions.fromLessons(key, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "open action items from lessons", key, "success",
                opened.size() + " opened");
        return opened;
    }

    @PatchMapping("/api/actions/{id}")
    ActionItem change(@PathVariable long id, @RequestBody ActionItems.Change change) {
        ActionItem item = actions.change(id, change, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success", null);
        return item;
    }

    /** Creates the item's Jira issue (once) and keeps its key as the tracker key. */
    @PostMapping("/api/actions/{id}/jira")
    ActionItem createJiraIssue(@PathVariable long id) {
        ActionItem tracked = actions.createJiraIssue(id, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "create jira issue", tracked.incidentKey() + "#" + id, "success",
                tracked.trackerKey());
        return tracked;
    }

    @GetMapping("/api/actions/{id}/history")
    List<ActionItems.FieldChange> history(@PathVariable long id) {
        return actions.history(id, CurrentViewer.get());
    }

    private static ResponseEntity<byte[]> text(String body, String type, String filename) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type + "; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build()
                        .toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
