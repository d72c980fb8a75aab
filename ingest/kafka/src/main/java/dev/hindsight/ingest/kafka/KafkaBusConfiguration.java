package dev.hindsight.ingest.kafka;

import dev.hindsight.core.store.EventSink;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * With {@code hindsight.ingest.bus.kind=kafka}, every writer's {@link EventSink} is the bus, and each node consumes
 * its share of the topic into the database's store. The durability settings are fixed here, not left to properties:
 * {@code acks=all} with idempotence for writers, offsets committed by hand after each stored record for consumers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hindsight.ingest.bus.kind", havingValue = "kafka")
@EnableConfigurationProperties(IngestBusProperties.class)
class KafkaBusConfiguration {

    @Bean
    NewTopic ingestTopic(IngestBusProperties props) {
        return new NewTopic(props.topic(), props.partitions(), props.replicas());
    }

    @Bean
    KafkaTemplate<String, byte[]> busTemplate(KafkaProperties kafka, IngestBusProperties props) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        // an unreachable cluster is a 503 within the send timeout, not a writer blocked for a minute
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, props.sendTimeout().toMillis());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
    }

    /** What writers write to: the bus. The database's store stays a bean of its own, for the consumer. */
    @Bean
    @Primary
    EventSink ingestBus(KafkaTemplate<String, byte[]> busTemplate, IngestBusProperties props) {
        return new KafkaEventSink(busTemplate, props);
    }

    @Bean
    BusConsumer busConsumer(ObjectProvider<EventSink> sinks) {
        return new BusConsumer(databaseStore(sinks));
    }

    @Bean
    BusLetters busLetters(ObjectProvider<EventSink> sinks) {
        return new BusLetters(databaseStore(sinks));
    }

    private static EventSink databaseStore(ObjectProvider<EventSink> sinks) {
        return sinks.orderedStream().filter(s -> !(s instanceof KafkaEventSink)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ingest bus needs the database's store"));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> busListenerFactory(KafkaProperties kafka,
            IngestBusProperties props, Environment environment) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a node that dies gives its partitions to the others within seconds (Kafka's default waits 45 s), so the
        // batches Kafka holds for it are not left waiting that long
        consumer.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        consumer.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer));
        factory.setConcurrency(props.consumers());
        // a command of the command line writes to the bus but never joins the consumers: each short-lived member
        // would make the group hand its partitions around
        factory.setAutoStartup(!"cli".equals(environment.getProperty("hindsight.mode")));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        // a record the store cannot take yet is tried again, every second, for as long as it takes
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        return factory;
    }
}
