package dev.hindsight.search.opensearch;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of event search on OpenSearch ({@code hindsight.search.opensearch.*}), used when
 * {@code hindsight.search.engine=opensearch}.
 *
 * @param url the cluster's HTTP address (any node; a load balancer in front of several)
 * @param alias the alias searches and the feed go through; concrete indexes are {@code <alias>-v<n>}, so a reindex
 *     swaps the alias without downtime
 * @param shards primary shards of a new index
 * @param replicas replicas of each shard (0 on a one-node cluster)
 * @param batchSize events per bulk request of the feed
 * @param followInterval how often the feed reads what the database committed past its checkpoint
 * @param requestTimeout how long a request may take before OpenSearch counts as unreachable
 */
@ConfigurationProperties("hindsight.search.opensearch")
public record OpenSearchProperties(@DefaultValue("http://127.0.0.1:9200") URI url,
        @DefaultValue("hindsight-events") String alias, @DefaultValue("1") int shards,
        @DefaultValue("0") int replicas, @DefaultValue("2000") int batchSize,
        @DefaultValue("PT0.5S") Duration followInterval, @DefaultValue("PT10S") Duration requestTimeout) {}
