package dev.hindsight.search.incident;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change to an incident: every field left null stays as it is; an empty text clears a field, an empty set empties
 * one. Users named (commander, scribe, communications lead, participants) are checked by the caller, who knows them.
 */
public record IncidentUpdate(
        @Nullable String title,
        @Nullable Severity severity,
        @Nullable IncidentStatus status,
        @Nullable String summary,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String commander,
        @Nullable String scribe,
        @Nullable String commsLead,
        @Nullable String team,
        @Nullable String causeCategory,
        @Nullable Set<String> services,
        @Nullable Set<String> tags,
        @Nullable Set<String> participants) {

    /** Only a status change, as close and reopen make. */
    public static IncidentUpdate status(IncidentStatus status) {
        return new IncidentUpdate(null, null, status, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
