package dev.hindsight.web.reports;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.incident.SimilarIncidents;
import dev.hindsight.reporting.analytics.Dashboard;
import dev.hindsight.search.timeline.TimelineEngine;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.support.NotFoundException;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Puts together what a report shows, for one viewer: restricted incidents stay hidden from non-members. */
@Service
public class Reports {

    private final Incidents incidents;
    private final TimelineEngine engine;
    private final PostMortems postMortems;
    private final ActionItems actions;
    private final Clock clock;
    private final SimilarIncidents similarIncidents;
    private final PostMortemTemplates templates;
    private final AuditLog audit;

    Reports(Incidents incidents, TimelineEngine engine, PostMortems postMortems, ActionItems actions, Clock clock,
            SimilarIncidents similarIncidents, PostMortemTemplates templates, AuditLog audit) {
        this.audit = audit;
        this.templates = templates;
        this.similarIncidents = similarIncidents;
        this.incidents = incidents;
        this.engine = engine;
        this.postMortems = postMortems;
        this.actions = actions;
        this.clock = clock;
    }

    public IncidentSummary incident(String key, Viewer viewer) {
        return incidents.find(key, viewer).orElseThrow(() -> new NotFoundException("no incident " + key));
    }

    public Timeline timeline(IncidentSummary incident, Viewer viewer) {
        return engine.build(incident, incidents.hiddenFrom(viewer));
    }

    public PostMortem postMortem(String key, Viewer viewer) {
        IncidentSummary incident = incident(key, viewer);
        return postMortems.current(incident, timeline(incident, viewer));
    }

    public Report report(String key, Viewer viewer, ZoneId zone) {
        IncidentSummary incident = incident(key, viewer);
        Timeline timeline = timeline(incident, viewer);
        PostMortem pm = postMortems.current(incident, timeline);
        return new Report(incident, timeline, pm, actions.list(ActionItems.Filter.ofIncident(key), Set.of()), zone,
                clock.instant(),
                templates.find(pm.template()).orElse(PostMortemTemplate.DEFAULT));
    }

    /**
     * Opens an action item for each lesson of the post-mortem that has none yet (matched by the lesson's text), so
     * every lesson learned is tracked. Owners and due dates are for the team to set.
     */
    public List<ActionItem> trackLessons(String key, Viewer viewer, String actor) {
        PostMortem pm = postMortem(key, viewer);
        Set<String> tracked = new HashSet<>();
        actions.list(ActionItems.Filter.ofIncident(key), Set.of())
                .forEach(a -> tracked.add(a.lesson() == null ? a.title() : a.lesson()));
        List<ActionItem> opened = pm.lessons().stream().filter(tracked::add)
                .map(lesson -> actions.open(
                        new NewActionItem(key, lesson.length() > 500 ? lesson.substring(0, 499) + "…" : lesson, lesson,
                                null, null, ActionItem.Type.PREVENT, ActionItem.Priority.P3, null),
                        actor))
                .toList();
        audit.record(actor, "open action items from lessons", key, "success", opened.size() + " opened");
        return opened;
    }

    /** Moves the post-mortem to another review state, saving the generated draft first if nobody saved it yet. */
    public PostMortem review(String key, Viewer viewer, ReviewStatus status, String actor) {
        PostMortem current = postMortem(key, viewer);
        if (current.version() == 0) {
            postMortems.save(current.incidentKey(), current.sections(), actor);
        }
        PostMortem changed = postMortems.setStatus(current.incidentKey(), status, actor);
        audit.record(actor, "postmortem " + status.name().toLowerCase(), current.incidentKey(), "success",
                "version " + changed.version());
        return changed;
    }

    /** An action item, unless it belongs to an incident hidden from the viewer (then it does not exist for them). */
    public ActionItem visibleItem(long id, Viewer viewer) {
        return actions.find(id).filter(a -> !hiddenFrom(viewer).contains(a.incidentKey()))
                .orElseThrow(() -> new NotFoundException("no action item " + id));
    }

    /** Most incidents the dashboard builds timelines for, newest first. */
    static final int DASHBOARD_INCIDENTS = 50;

    /** The dashboard over the incidents this viewer may see. */
    public Dashboard dashboard(Viewer viewer) {
        Set<String> hidden = incidents.hiddenFrom(viewer);
        List<ActionItem> all = actions.list(ActionItems.Filter.ALL, hidden);
        List<Dashboard.IncidentFacts> facts = new java.util.ArrayList<>();
        List<Dashboard.Similarity> similar = new java.util.ArrayList<>();
        for (IncidentSummary incident : incidents.list(viewer).stream().limit(DASHBOARD_INCIDENTS).toList()) {
            facts.add(new Dashboard.IncidentFacts(incident, engine.build(incident, hidden),
                    all.stream().filter(a -> a.incidentKey().equals(incident.key())).toList(),
                    postMortems.stored(incident.key()).map(PostMortem::cause).orElse(null)));
            // a recurrence needs more than a shared word: the same systems, and several distinctive words
            similarIncidents.of(incident, viewer, 3).stream()
                    .filter(x -> x.incident().from().isBefore(incident.from()) && !x.sharedEntities().isEmpty()
                            && x.sharedWords().size() >= 2)
                    .forEach(x -> similar.add(new Dashboard.Similarity(incident.key(), x.key(), x.reason())));
        }
        return Dashboard.of(facts, all, similar, actions.today(), actions.now());
    }

    public Set<String> hiddenFrom(Viewer viewer) {
        return incidents.hiddenFrom(viewer);
    }

    public ZoneId defaultZone() {
        return ZoneId.of("UTC");
    }
}
