package dev.hindsight.search;

import dev.hindsight.search.timeline.TimelineSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the search module ({@code hindsight.search.*}).
 *
 * @param refreshInterval how stale search may be behind the database while ingest runs and people search
 * @param searchIdleAfter how long after the last search the frequent refreshes pause (the index then refreshes after
 *     each commit, and the next search refreshes before it reads)
 * @param commitInterval how often the index commits (a crash replays at most this much from the database)
 * @param ramBufferMb Lucene's indexing buffer before it flushes a segment
 * @param queryTimeBudget how long one search may run before it is refused
 * @param minFreeDisk below this much free space on the data directory's disk, writes are refused with 503
 * @param timeline the timeline engine's thresholds
 * @param followInterval on a database other nodes write to (PostgreSQL), how often the index reads their commits
 * @param engine where event searches run: {@code embedded} (this node's Lucene index) or {@code opensearch} (a
 *     cluster, {@code hindsight.search.opensearch.*}); timelines and similar incidents stay on the embedded index
 */
@ConfigurationProperties("hindsight.search")
record SearchProperties(@DefaultValue("PT0.5S") Duration refreshInterval,
        @DefaultValue("PT5S") Duration commitInterval, @DefaultValue("64") double ramBufferMb,
        @DefaultValue("PT2S") Duration queryTimeBudget, @DefaultValue("512MB") DataSize minFreeDisk,
        @DefaultValue @NestedConfigurationProperty TimelineSettings timeline,
        @DefaultValue("PT0.5S") Duration followInterval, @DefaultValue("embedded") Engine engine,
        @DefaultValue("PT30S") Duration searchIdleAfter) {

    /** Where event searches run. */
    enum Engine {
        EMBEDDED,
        OPENSEARCH
    }
}
