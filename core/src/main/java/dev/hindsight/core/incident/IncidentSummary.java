package dev.hindsight.core.incident;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What other modules know of an incident: its key, title and window, and who may see it.
 *
 * @param scope an optional search query that selects the events of the incident inside its window
 * @param members who may see a restricted incident besides admins
 */
public record IncidentSummary(
        String key,
        String title,
        Severity severity,
        IncidentStatus status,
        Instant from,
        Instant to,
        @Nullable String scope,
        @Nullable String commander,
        boolean restricted,
        Set<String> members) {

    public IncidentSummary {
        members = Set.copyOf(members);
    }
}
