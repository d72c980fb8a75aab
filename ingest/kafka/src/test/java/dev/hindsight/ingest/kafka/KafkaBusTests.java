package dev.hindsight.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.Checkpoint;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The bus against a real Kafka broker (embedded, KRaft): a writer is answered once Kafka holds its batch, the
 * consumer stores every batch once (a re-delivery is a duplicate), holds its place while the store cannot commit and
 * loses nothing, and keeps a record it cannot read as a dead letter without stopping the partition.
 */
@SpringBootTest(classes = KafkaBusTests.BusApplication.class, properties = {
        "hindsight.ingest.bus.kind=kafka", "hindsight.ingest.bus.partitions=2",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@EmbeddedKafka(partitions = 2)
class KafkaBusTests {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @SpringBootApplication
    static class BusApplication {
        @Bean
        FlakyStore store() {
            return new FlakyStore();
        }
    }

    /** The database's store, in memory, that can be made unavailable as a database outage would. */
    static final class FlakyStore extends InMemoryEventSink {
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        public synchronized AppendResult append(EventBatch batch) {
            if (down.get()) {
                throw new StoreUnavailableException("database down");
            }
            return super.append(batch);
        }
    }

    @Autowired
    EventSink bus;

    @Autowired
    FlakyStore store;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    IngestBusProperties props;

    private static List<Event> events(String run, int from, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(Event.builder("alertmanager", EventKind.ALERT_FIRING, T0.plusSeconds(i), run + " alert " + i)
                    .host("db-" + i).labels(Map.of("team", "sre")).dedupKey(run + "#" + i)
                    .raw(new RawRecord("hook#" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), "am/1"))
                    .build());
        }
        return events;
    }

    private long stored(String run) {
        return store.events().stream().filter(e -> e.title().startsWith(run + " ")).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("within 30 s").isTrue();
    }

    @Test
    void batchesAreStoredOnceAsTheyWereWrittenAndARedeliveryIsADuplicate() throws Exception {
        assertThat(bus).isInstanceOf(KafkaEventSink.class);
        String run = "r" + UUID.randomUUID().toString().substring(0, 8);
        List<Event> events = events(run, 0, 30);
        for (int b = 0; b < 3; b++) {
            assertThat(bus.append(new EventBatch(events.subList(b * 10, b * 10 + 10), List.of(), null,
                    new Checkpoint("pull:" + run, "cursor-" + b), Viewer.SYSTEM)).accepted()).isEqualTo(10);
        }
        bus.append(EventBatch.of(events.subList(0, 10))); // the sender delivers the first batch again
        await(() -> stored(run) == 30 && store.batches().stream().filter(b -> !b.events().isEmpty()
                && b.events().getFirst().title().startsWith(run + " ")).count() == 4);
        assertThat(stored(run)).isEqualTo(30);
        Event back = store.events().stream().filter(e -> e.title().equals(run + " alert 7")).findFirst().orElseThrow();
        // every field, raw bytes included, as the writer decoded it
        assertThat(back).usingRecursiveComparison().isEqualTo(events.get(7));
        assertThat(store.position("pull:" + run)).isPresent();
    }

    @Test
    void aBatchTooBigForOneRecordGoesAsSeveralAndArrivesWhole() throws Exception {
        String run = "b" + UUID.randomUUID().toString().substring(0, 8);
        List<Event> events = new ArrayList<>();
        byte[] raw = new byte[2000]; // an import batch: 2,000 events with their raw lines
        java.util.Arrays.fill(raw, (byte) 'x');
        for (int i = 0; i < 2000; i++) {
            events.add(Event.builder("jsonl", EventKind.NOTE, T0.plusSeconds(i), run + " line " + i)
                    .dedupKey(run + "#" + i).raw(new RawRecord("big.jsonl#" + i, raw, "jsonl/1")).build());
        }
        EventBatch big = new EventBatch(events, List.of(), null, new Checkpoint("folder:" + run, "big.jsonl"),
                Viewer.SYSTEM);
        assertThat(KafkaEventSink.parts(big)).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.value()).isEqualTo(BatchCodec.encode(p.batch())))
                .allSatisfy(p -> assertThat(p.value().length).isLessThanOrEqualTo(KafkaEventSink.MAX_RECORD_BYTES))
                .last().satisfies(p -> assertThat(p.batch().checkpoint()).isNotNull());
        assertThat(bus.append(big).accepted()).isEqualTo(2000);
        await(() -> stored(run) == 2000);
        assertThat(store.position("folder:" + run)).contains("big.jsonl");
    }

    @Test
    void whileTheStoreIsDownNothingIsLostAndNothingOvertakes() throws Exception {
        String run = "d" + UUID.randomUUID().toString().substring(0, 8);
        store.down.set(true);
        try {
            for (int b = 0; b < 20; b++) {
                bus.append(EventBatch.of(events(run, b * 5, 5))); // answered: Kafka holds it
            }
            Thread.sleep(2000);
            assertThat(stored(run)).isZero();
        } finally {
            store.down.set(false);
        }
        await(() -> stored(run) == 100);
        assertThat(store.events().stream().filter(e -> e.title().startsWith(run + " ")).map(Event::id).distinct()
                .count()).isEqualTo(100);
    }

    @Test
    void aRecordNoReaderCanDecodeIsKeptAsADeadLetterAndThePartitionMovesOn() throws Exception {
        String run = "p" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(props.topic(), run + "#0", "{not a batch".getBytes(StandardCharsets.UTF_8)).get();
        bus.append(EventBatch.of(events(run, 0, 1)));
        await(() -> stored(run) == 1);
        await(() -> store.deadLetters().stream().anyMatch(d -> d.format().equals(BusConsumer.FORMAT)
                && new String(d.raw(), StandardCharsets.UTF_8).equals("{not a batch")));
        assertThat(store.deadLetters()).filteredOn(d -> d.format().equals(BusConsumer.FORMAT))
                .allSatisfy(d -> assertThat(d.origin()).startsWith("kafka:" + props.topic() + "-"));
    }

    @Test
    void anUnreadableRecordNamesItsIncidentOnlyByAKeyThatFitsTheLettersColumn() {
        // JSON, but not a batch: its events are not a list
        byte[] namesInc2 = "{\"incidentKey\": \"INC-2\", \"events\": 42}".getBytes(StandardCharsets.UTF_8);
        byte[] namesTooLong = ("{\"incidentKey\": \"" + "K".repeat(65) + "\", \"events\": 42}")
                .getBytes(StandardCharsets.UTF_8);
        RecordHeader inc1 = new RecordHeader(BatchCodec.INCIDENT_HEADER, "INC-1".getBytes(StandardCharsets.UTF_8));
        RecordHeader tooLong = new RecordHeader(BatchCodec.INCIDENT_HEADER,
                "K".repeat(65).getBytes(StandardCharsets.UTF_8));

        assertThat(BatchCodec.incidentKeyOf(inc1, new byte[]{0, 1})).isEqualTo("INC-1");
        assertThat(BatchCodec.incidentKeyOf(tooLong, namesInc2)).isEqualTo("INC-2");
        assertThat(BatchCodec.incidentKeyOf(null, namesInc2)).isEqualTo("INC-2");
        // a key longer than an incident key could not be kept with the letter, and the record would be retried for ever
        assertThat(BatchCodec.incidentKeyOf(tooLong, namesTooLong)).isNull();
        assertThat(BatchCodec.incidentKeyOf(null, new byte[]{0, 1})).isNull();
    }

    @Test
    void aWriterIsToldTheBusIsUnavailableWhenKafkaCannotBeReached() {
        KafkaProperties unreachable = new KafkaProperties();
        unreachable.setBootstrapServers(List.of("127.0.0.1:9"));
        IngestBusProperties quick = new IngestBusProperties("kafka", props.topic(), 1, (short) 1,
                Duration.ofSeconds(2), 1);
        KafkaTemplate<String, byte[]> template = new KafkaBusConfiguration().busTemplate(unreachable, quick);
        KafkaEventSink sink = new KafkaEventSink(template, quick);
        long started = System.nanoTime();
        assertThatThrownBy(() -> sink.append(EventBatch.of(events("u", 0, 1))))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("ingest bus");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        template.destroy();
    }
}
