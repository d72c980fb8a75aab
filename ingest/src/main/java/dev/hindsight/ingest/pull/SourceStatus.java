package dev.hindsight.ingest.pull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a pull source is doing, for the ingest page and API.
 *
 * @param lagSeconds seconds since the newest event this source delivered (how far behind it may be)
 * @param ranElsewhere the last scheduled run was taken by another node sharing the database (this node's counts then
 *     miss what that node stored; the checkpoint is shared)
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
        @Nullable Long lagSeconds,
        boolean ranElsewhere) {}
