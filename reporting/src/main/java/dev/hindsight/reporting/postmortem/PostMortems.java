package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.TimelineSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
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
    private final int approvalsRequired;

    PostMortems(IncidentDirectory incidents, TimelineSource timelines, PostMortemRows rows,
            PostMortemTemplates templates, @Value("${hindsight.reporting.review.approvals:1}") int approvalsRequired) {
        this.incidents = incidents;
        this.timelines = timelines;
        this.rows = rows;
        this.templates = templates;
        this.approvalsRequired = Math.max(0, approvalsRequired);
    }

    /** How many people other than the author must approve the current content before it is published. */
    public int approvalsRequired() {
        return approvalsRequired;
    }

    /**
     * A save: the sections to change (the others stay), a template, a cause category.
     *
     * @param version the version the editor started from: the sections that differ from it are the changes, and
     *     they merge with what others saved since unless someone changed the same section (then nothing is saved
     *     and the answer says who changed what); left out, the sections given replace the current ones
     */
    public record Edit(@Nullable Map<Section, String> sections, @Nullable String template, @Nullable String cause,
            @Nullable Integer version) {

        public Edit(@Nullable Map<Section, String> sections, @Nullable String template, @Nullable String cause) {
            this(sections, template, cause, null);
        }
    }

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
                edit.version(), viewer.name());
    }

    /**
     * Moves the post-mortem to another review state, saving the generated draft first if nobody saved it yet.
     * Publishing takes {@link #approvalsRequired()} approvals of the current content; only an admin publishes without
     * them (see {@link PostMortemReviews#review} to tell beforehand, for the audit trail).
     */
    @Transactional
    public PostMortem review(String incidentKey, ReviewStatus status, Viewer viewer) {
        PostMortem current = current(incidentKey, viewer);
        if (status == ReviewStatus.PUBLISHED && current.status() != ReviewStatus.PUBLISHED && !viewer.admin()) {
            int approvals = current.version() == 0 ? 0 : rows.currentApprovals(current.incidentKey());
            if (approvals < approvalsRequired) {
                throw new ConflictException("publishing takes " + approvalsRequired + " approval"
                        + (approvalsRequired == 1 ? "" : "s") + " of the current version by someone other than its"
                        + " author; it has " + approvals
                        + (current.status() == ReviewStatus.IN_REVIEW ? "" : ". Ask for a review first"));
            }
        }
        if (current.version() == 0) {
            rows.save(current.incidentKey(), current.sections(), null, null, null, viewer.name());
        }
        return rows.setStatus(current.incidentKey(), status, viewer.name());
    }

    /** Of the sections submitted, those that differ from the given version: what its editor changed. */
    public Map<Section, String> editedSince(String incidentKey, int baseVersion, Map<Section, String> submitted,
            Viewer viewer) {
        return rows.editedSince(incidents.require(incidentKey, viewer).key(), baseVersion, submitted);
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
