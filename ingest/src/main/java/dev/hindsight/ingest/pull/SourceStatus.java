package dev.hindsight.ingest.pull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a pull source is doing, for the ingest page and API.
 *
 * @param lagSeconds seconds since the newest event this source delivered (how far behind it may be)
 */
public record SourceStatus(
        String name,
        String kind,
        @Nullable Instant lastRunAt,
        @Nullable Instant lastSuccessAt,
        @Nullable String lastError,
        int consecutiveFailures,
        long accepted,
        long duplicates,
        long rejected,
        @Nullable String cursor,
        @Nullable Instant nextRunAt,
        @Nullable Long lagSeconds) {}
