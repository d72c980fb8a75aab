package dev.hindsight.reporting.export;

import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.TimelineSource;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.PostMortems;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.stereotype.Service;

/**
 * Post-mortem exports for a viewer, in every format, put together from what the viewer may see: the incident, its
 * curated timeline (events of incidents hidden from them left out), the post-mortem and the action items.
 */
@Service
public class Exports {

    private final IncidentDirectory incidents;
    private final TimelineSource timelines;
    private final PostMortems postMortems;
    private final PostMortemTemplates templates;
    private final ActionItems actions;
    private final Clock clock;

    Exports(IncidentDirectory incidents, TimelineSource timelines, PostMortems postMortems,
            PostMortemTemplates templates, ActionItems actions, Clock clock) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.postMortems = postMortems;
        this.templates = templates;
        this.actions = actions;
        this.clock = clock;
    }

    /** Everything an export shows, with times in {@code zone}. */
    public Report report(String incidentKey, ZoneId zone, Viewer viewer) {
        IncidentSummary incident = incidents.require(incidentKey, viewer);
        Timeline timeline = timelines.timeline(incident.key(), viewer);
        PostMortem pm = postMortems.current(incident.key(), viewer);
        return new Report(incident, timeline, pm,
                actions.list(ActionItems.Filter.ofIncident(incident.key()), viewer), zone, clock.instant(),
                templates.find(pm.template()).orElse(PostMortemTemplate.DEFAULT));
    }

    public ExportedFile export(String incidentKey, ExportFormat format, ZoneId zone, Viewer viewer) {
        Report report = report(incidentKey, zone, viewer);
        return new ExportedFile("postmortem-" + report.incident().key() + "." + format.extension(),
                format.mediaType(), Exporter.export(report, format), report.incident().restricted());
    }

    /** The HTML the post-mortem page previews (the same the HTML and PDF exports are made of). */
    public String preview(String incidentKey, ZoneId zone, Viewer viewer) {
        return HtmlReport.body(report(incidentKey, zone, viewer));
    }
}
