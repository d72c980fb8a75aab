package dev.hindsight.search.incident;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded change to an incident: which field, from what, to what, by whom, when. */
public record IncidentChange(long id, String field, @Nullable String from, @Nullable String to, String actor,
        Instant at) {}
