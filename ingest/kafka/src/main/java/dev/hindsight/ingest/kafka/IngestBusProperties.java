package dev.hindsight.ingest.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingest bus ({@code hindsight.ingest.bus.*}); the brokers are Spring's {@code spring.kafka.bootstrap-servers}.
 *
 * @param kind {@code direct} (writes go straight to the database, the default) or {@code kafka}
 * @param topic the topic batches go through
 * @param partitions the topic's partitions when Hindsight creates it (consumers across nodes share them)
 * @param replicas the topic's replication factor when Hindsight creates it (3 on a production cluster)
 * @param sendTimeout how long a writer waits for Kafka to hold its batch before answering 503
 * @param consumers consumer threads per node
 */
@ConfigurationProperties("hindsight.ingest.bus")
public record IngestBusProperties(@DefaultValue("direct") String kind, @DefaultValue("hindsight-ingest") String topic,
        @DefaultValue("6") int partitions, @DefaultValue("1") short replicas,
        @DefaultValue("PT10S") Duration sendTimeout, @DefaultValue("2") int consumers) {}
