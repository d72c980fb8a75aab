package dev.hindsight.search.incident;

import dev.hindsight.core.incident.Severity;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What declaring an incident takes. */
public record NewIncident(
        String key,
        String title,
        Instant from,
        Instant to,
        Severity severity,
        @Nullable String scope,
        @Nullable String commander,
        boolean restricted,
        Set<String> members) {

    public NewIncident {
        members = Set.copyOf(members);
    }
}
