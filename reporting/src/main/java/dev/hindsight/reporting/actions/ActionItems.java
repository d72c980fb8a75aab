package dev.hindsight.reporting.actions;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.text.Texts;
import dev.hindsight.reporting.actions.ActionItem.Priority;
import dev.hindsight.reporting.actions.ActionItem.Status;
import dev.hindsight.reporting.actions.ActionItem.Type;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortems;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Action items for a viewer: the lessons learned turned into work someone owns, tracked to completion. An item of an
 * incident the viewer may not see does not exist for them, in lists, lookups, feeds and changes alike.
 */
@Service
public class ActionItems {

    /** Which items a list shows; null fields do not filter. */
    public record Filter(@Nullable String incidentKey, @Nullable String owner, @Nullable String team,
            boolean overdueOnly,
            boolean openOnly) {
        public static final Filter ALL = new Filter(null, null, null, false, false);

        public static Filter ofIncident(String key) {
            return new Filter(key, null, null, false, false);
        }
    }

    /** A change to some fields; null fields stay as they are, an empty string clears owner, team, due date or tracker key. */
    public record Change(@Nullable String title, @Nullable String owner, @Nullable String team, @Nullable Type type,
            @Nullable Priority priority, @Nullable String dueDate, @Nullable Status status,
            @Nullable String trackerKey) {}

    /** One line of an item's history. */
    public record FieldChange(String field, @Nullable String from, @Nullable String to, String actor, Instant at) {}

    /** Jira resolutions that close an issue without doing it. */
    private static final Set<String> WONT_DO_RESOLUTIONS = Set.of("won't do", "won't fix", "declined", "duplicate",
            "cannot reproduce", "obsolete");

    private final IncidentDirectory incidents;
    private final PostMortems postMortems;
    private final ActionItemRows rows;
    private final JiraTracker jira;

    ActionItems(IncidentDirectory incidents, PostMortems postMortems, ActionItemRows rows, JiraTracker jira) {
        this.incidents = incidents;
        this.postMortems = postMortems;
        this.rows = rows;
        this.jira = jira;
    }

    /** The items the filter selects among those of incidents the viewer may see; soonest due first. */
    public List<ActionItem> list(Filter filter, Viewer viewer) {
        Set<String> visible = incidents.list(viewer).stream().map(IncidentSummary::key).collect(Collectors.toSet());
        return rows.list(filter, Set.of()).stream().filter(i -> visible.contains(i.incidentKey())).toList();
    }

    /** @throws NotFoundException when it does not exist or belongs to an incident hidden from the viewer */
    public ActionItem find(long id, Viewer viewer) {
        return rows.find(id).filter(i -> incidents.find(i.incidentKey(), viewer).isPresent())
                .orElseThrow(() -> new NotFoundException("no action item " + id));
    }

    @Transactional
    public ActionItem open(String incidentKey, NewActionItem item, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        return rows.open(item.forIncident(key), viewer.name());
    }

    /**
     * Applies the change; a change of title, due date or priority of an item tracked in Jira is sent to its issue once
     * the change is committed (a failure to send is kept on the item, shown where it is listed, and never undoes it).
     */
    @Transactional
    public ActionItem change(long id, Change change, Viewer viewer) {
        ActionItem before = find(id, viewer);
        ActionItem after = rows.change(id, change, viewer.name());
        boolean trackedFieldsChanged = !Objects.equals(before.title(), after.title())
                || !Objects.equals(before.dueDate(), after.dueDate()) || before.priority() != after.priority();
        if (after.trackerKey() != null && jira.configured() && trackedFieldsChanged
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendToTracker(id);
                }
            });
        }
        return after;
    }

    private void sendToTracker(long id) {
        ActionItem item = rows.find(id).orElseThrow();
        try {
            jira.update(item);
            rows.trackerSync(id, null);
        } catch (TrackerException e) {
            rows.trackerSync(id, e.getMessage());
        }
    }

    /**
     * A status change reported by the tracker (Jira's webhook, whose signature the caller checked): the item tracked
     * by that issue follows its status category ({@code new} open, {@code indeterminate} in progress, {@code done}
     * done, or won't do when the resolution says so). Nothing happens for an issue no item tracks.
     *
     * @return the item as it is now, if one tracks the issue
     */
    @Transactional
    public Optional<ActionItem> trackerStatusChanged(String issueKey, String statusCategory,
            @Nullable String resolution) {
        Optional<ActionItem> tracked = rows.findByTrackerKey(issueKey);
        if (tracked.isEmpty()) {
            return Optional.empty();
        }
        ActionItem item = tracked.get();
        Status status = switch (statusCategory) {
            case "new" -> Status.OPEN;
            case "indeterminate" -> Status.IN_PROGRESS;
            case "done" -> resolution != null && WONT_DO_RESOLUTIONS.contains(resolution.toLowerCase(Locale.ROOT))
                    ? Status.WONT_DO
                    : Status.DONE;
            default -> null;
        };
        if (status != null && status != item.status()) {
            rows.change(item.id(), new Change(null, null, null, null, null, null, status, null), "jira");
        }
        rows.trackerSync(item.id(), null);
        return rows.find(item.id());
    }

    /** Where people open the item's issue, when Jira is configured. */
    public Optional<String> trackerUrl(ActionItem item) {
        return item.trackerKey() == null ? Optional.empty() : jira.browseUrl(item.trackerKey());
    }

    /** Why a delivery to the tracker webhook is refused, or empty when its signature holds. */
    public Optional<String> trackerDeliveryProblem(byte[] body, @Nullable String signature) {
        return jira.deliveryProblem(body, signature);
    }

    public List<FieldChange> history(long id, Viewer viewer) {
        find(id, viewer);
        return rows.history(id);
    }

    /**
     * Opens an action item for each lesson of the post-mortem that has none yet (matched by the lesson's text), so
     * every lesson learned is tracked. Owners and due dates are for the team to set.
     */
    @Transactional
    public List<ActionItem> fromLessons(String incidentKey, Viewer viewer) {
        PostMortem pm = postMortems.current(incidentKey, viewer);
        Set<String> tracked = new HashSet<>();
        rows.list(Filter.ofIncident(pm.incidentKey()), Set.of())
                .forEach(a -> tracked.add(a.lesson() == null ? a.title() : a.lesson()));
        return pm.lessons().stream().filter(tracked::add)
                .map(lesson -> rows.open(new NewActionItem(pm.incidentKey(), Texts.clip(lesson, 500), lesson, null,
                        null, Type.PREVENT, Priority.P3, null), viewer.name()))
                .toList();
    }

    /** Creates the item's Jira issue (once: an item already tracked keeps its key) and keeps its key. */
    @Transactional
    public ActionItem createJiraIssue(long id, Viewer viewer) {
        ActionItem item = find(id, viewer);
        if (item.trackerKey() != null) {
            return item;
        }
        String key = jira.create(item);
        rows.change(id, new Change(null, null, null, null, null, null, null, key), viewer.name());
        rows.trackerSync(id, null);
        return rows.find(id).orElseThrow();
    }

    /** Today, in the zone due dates are kept in. */
    public LocalDate today() {
        return rows.today();
    }

    public Instant now() {
        return rows.now();
    }
}
