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
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    @Transactional
    public ActionItem change(long id, Change change, Viewer viewer) {
        find(id, viewer);
        return rows.change(id, change, viewer.name());
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
        return rows.change(id, new Change(null, null, null, null, null, null, null, key), viewer.name());
    }

    /** Today, in the zone due dates are kept in. */
    public LocalDate today() {
        return rows.today();
    }

    public Instant now() {
        return rows.now();
    }
}
