package dev.hindsight.search.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the event store's index.
 *
 * @param refreshInterval how stale search may be behind the database while ingest runs
 * @param commitInterval how often the index commits (a crash replays at most this much from the database)
 * @param ramBufferMb Lucene's indexing buffer before it flushes a segment
 * @param queryTimeBudget how long one search may run before it is refused
 */
@ConfigurationProperties("hindsight.search")
public record SearchProperties(
        @DefaultValue("PT0.5S") Duration refreshInterval,
        @DefaultValue("PT5S") Duration commitInterval,
        @DefaultValue("64") double ramBufferMb,
        @DefaultValue("PT2S") Duration queryTimeBudget) {}
