package dev.hindsight.reporting.analytics;

import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.TimelineSource;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortems;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** The management dashboard over the incidents a viewer may see, and its numbers as a spreadsheet. */
@Service
public class Dashboards {

    /** Most incidents the dashboard builds timelines for, newest first: a year of a busy team's incidents. */
    static final int MAX_INCIDENTS = 500;

    private final IncidentDirectory incidents;
    private final TimelineSource timelines;
    private final ActionItems actions;
    private final PostMortems postMortems;

    Dashboards(IncidentDirectory incidents, TimelineSource timelines, ActionItems actions, PostMortems postMortems) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.actions = actions;
        this.postMortems = postMortems;
    }

    public Dashboard dashboard(Viewer viewer) {
        List<ActionItem> all = actions.list(ActionItems.Filter.ALL, viewer);
        List<Dashboard.IncidentFacts> facts = new ArrayList<>();
        List<Dashboard.Similarity> similar = new ArrayList<>();
        for (IncidentSummary incident : incidents.list(viewer).stream().limit(MAX_INCIDENTS).toList()) {
            facts.add(new Dashboard.IncidentFacts(incident, timelines.timeline(incident.key(), viewer),
                    all.stream().filter(a -> a.incidentKey().equals(incident.key())).toList(),
                    postMortems.stored(incident.key(), viewer).map(PostMortem::cause).orElse(null),
                    incidents.filing(incident.key(), viewer)));
            // a recurrence needs more than a shared word: the same systems, and several distinctive words
            timelines.similar(incident.key(), viewer, 3).stream()
                    .filter(x -> x.incident().from().isBefore(incident.from()) && !x.sharedEntities().isEmpty()
                            && x.sharedWords().size() >= 2)
                    .forEach(x -> similar.add(new Dashboard.Similarity(incident.key(), x.key(), x.reason())));
        }
        return Dashboard.of(facts, all, similar, actions.today(), actions.now());
    }

    /** Every number of the dashboard, one sheet per chart. */
    public byte[] xlsx(Viewer viewer) {
        return DashboardXlsx.render(dashboard(viewer));
    }
}
