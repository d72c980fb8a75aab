package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.TimelineSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Post-mortems for a viewer: the current one (or a draft written from the timeline), saves as versions, the review
 * states, the history and its diffs. A post-mortem of an incident the viewer may not see does not exist for them.
 */
@Service
public class PostMortems {

    private final IncidentDirectory incidents;
    private final TimelineSource timelines;
    private final PostMortemRows rows;
    private final PostMortemTemplates templates;

    PostMortems(IncidentDirectory incidents, TimelineSource timelines, PostMortemRows rows,
            PostMortemTemplates templates) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.rows = rows;
        this.templates = templates;
    }

    /** What to save: the sections given (the others stay), another template, a cause category (empty clears it). */
    public record Edit(@Nullable Map<Section, String> sections, @Nullable String template, @Nullable String cause) {}

    /** The stored post-mortem, or a draft written from the timeline (version 0, not saved). */
    public PostMortem current(String incidentKey, Viewer viewer) {
        IncidentSummary incident = incidents.require(incidentKey, viewer);
        return rows.current(incident, timelines.timeline(incident.key(), viewer));
    }

    /** The stored post-mortem of an incident the viewer may see, if anyone saved one. */
    public Optional<PostMortem> stored(String incidentKey, Viewer viewer) {
        return rows.stored(incidents.require(incidentKey, viewer).key());
    }

    @Transactional
    public PostMortem save(String incidentKey, Edit edit, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        if ((edit.sections() == null || edit.sections().isEmpty()) && edit.template() == null
                && edit.cause() == null) {
            throw new InvalidInputException(
                    "give the sections to save, e.g. {\"sections\": {\"SUMMARY\": \"...\"}}, or a template");
        }
        if (edit.template() != null && templates.find(edit.template()).isEmpty()) {
            throw new InvalidInputException(
                    "no template \"" + edit.template() + "\"; see GET /api/postmortem-templates");
        }
        return rows.save(key, edit.sections() == null ? Map.of() : edit.sections(), edit.template(), edit.cause(),
                viewer.name());
    }

    /** Moves the post-mortem to another review state, saving the generated draft first if nobody saved it yet. */
    @Transactional
    public PostMortem review(String incidentKey, ReviewStatus status, Viewer viewer) {
        PostMortem current = current(incidentKey, viewer);
        if (current.version() == 0) {
            rows.save(current.incidentKey(), current.sections(), null, null, viewer.name());
        }
        return rows.setStatus(current.incidentKey(), status, viewer.name());
    }

    /** Newest first. */
    public List<PostMortemVersion> versions(String incidentKey, Viewer viewer) {
        return rows.versions(incidents.require(incidentKey, viewer).key());
    }

    /** What changed between two versions, section by section, as Markdown lines. */
    public List<LineDiff.Line> diff(String incidentKey, int from, int to, Viewer viewer) {
        return rows.diff(incidents.require(incidentKey, viewer).key(), from, to);
    }
}
