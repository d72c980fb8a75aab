package dev.hindsight.search.timeline;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of an incident's curation history: who did what to which entry, and when. */
public record CurationChange(long id, String entryId, String action, @Nullable String detail, String actor,
        Instant at) {}
