package dev.hindsight.core.incident;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How an incident is filed, for analytics and search: the services it hit, the team that owns the response, the kind
 * of cause, and free tags.
 */
public record IncidentFiling(Set<String> services, @Nullable String team, @Nullable String causeCategory,
        Set<String> tags) {

    public static final IncidentFiling NONE = new IncidentFiling(Set.of(), null, null, Set.of());

    public IncidentFiling {
        services = Set.copyOf(services);
        tags = Set.copyOf(tags);
    }
}
