package dev.hindsight.search.incident;

import dev.hindsight.core.incident.IncidentSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An incident with everything its people record about it: what it is about, who works it, how it is filed.
 *
 * @param summary a few sentences on what happened, for lists and the post-mortem
 * @param team the team that owns the response, for the dashboard
 * @param causeCategory the kind of cause (deploy, capacity, provider...), for the dashboard
 * @param scribe who keeps the timeline during the incident
 * @param commsLead who speaks to customers and the status page
 */
public record IncidentDetails(
        IncidentSummary incident,
        @Nullable String summary,
        @Nullable String team,
        @Nullable String causeCategory,
        @Nullable String scribe,
        @Nullable String commsLead,
        Set<String> services,
        Set<String> tags,
        Set<String> participants,
        Instant createdAt,
        Instant updatedAt) {

    /** Sets in alphabetical order, so that pages and JSON list them the same way every time. */
    public IncidentDetails {
        services = Collections.unmodifiableSortedSet(new TreeSet<>(services));
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        participants = Collections.unmodifiableSortedSet(new TreeSet<>(participants));
    }
}
