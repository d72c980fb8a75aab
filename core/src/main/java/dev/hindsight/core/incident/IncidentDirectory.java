package dev.hindsight.core.incident;

import dev.hindsight.core.error.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Incidents as other modules read them, always for a viewer: an incident the viewer may not see does not exist for
 * them (the same answer as for a missing one). Implemented by the search module.
 */
public interface IncidentDirectory {

    /** The longest incident key: what the key rule allows and every column that keeps a key holds. */
    int MAX_KEY_LENGTH = 64;

    Optional<IncidentSummary> find(String key, Viewer viewer);

    /** Newest first. */
    List<IncidentSummary> list(Viewer viewer);

    /** How the incident is filed (services, team, cause category, tags); empty when it is not visible. */
    IncidentFiling filing(String key, Viewer viewer);

    /** @throws NotFoundException when it does not exist or the viewer may not see it */
    default IncidentSummary require(String key, Viewer viewer) {
        return find(key, viewer).orElseThrow(() -> new NotFoundException("no incident " + key));
    }
}
