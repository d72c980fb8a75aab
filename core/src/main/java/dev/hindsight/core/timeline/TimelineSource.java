package dev.hindsight.core.timeline;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.Viewer;
import java.util.List;

/**
 * Timelines as other modules read them, built for a viewer (events of incidents hidden from them left out), with the
 * commanders' curation laid over them. Implemented by the search module.
 */
public interface TimelineSource {

    /** @throws NotFoundException when the incident does not exist or the viewer may not see it */
    Timeline timeline(String incidentKey, Viewer viewer);

    /** Other incidents the viewer may see that read like this one, most similar first. */
    List<SimilarIncident> similar(String incidentKey, Viewer viewer, int limit);
}
