package dev.hindsight.ingest.kafka;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Takes batches off the bus into the database: each record is committed to the store first and its offset only after
 * (the container commits per record), so a crash between the two re-delivers it and the store's dedup absorbs the
 * copy. While the store cannot commit, the record is retried (the error handler never gives up) and nothing later on
 * its partition overtakes it. A record the store refuses, or one no reader of this version can decode, is kept as a
 * dead letter and the partition moves on.
 */
final class BusConsumer {

    private static final Logger log = LoggerFactory.getLogger(BusConsumer.class);

    static final String FORMAT = "ingest-bus";

    private final EventSink store;

    BusConsumer(EventSink store) {
        this.store = store;
    }

    @KafkaListener(id = "hindsight-ingest-bus", topics = "${hindsight.ingest.bus.topic:hindsight-ingest}", groupId = "hindsight-store", containerFactory = "busListenerFactory")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        EventBatch batch;
        try {
            batch = BatchCodec.decode(record.value());
        } catch (RuntimeException e) {
            keep(record, BatchCodec.incidentKeyOf(record.value()),
                    "not a batch this version can read: " + e.getMessage());
            return;
        }
        try {
            store.append(batch);
        } catch (StoreUnavailableException e) {
            throw e; // retried until the store is back; the offset stays where it is
        } catch (RuntimeException e) {
            keepRefused(record, batch, "the store refused the batch: " + e.getMessage());
        }
    }

    /**
     * A refused batch may be larger than the dead-letter store keeps of one letter (a record holds up to 900 KB), so it
     * is kept as parts that each fit whole, in one transaction; each part replays on its own.
     */
    private void keepRefused(ConsumerRecord<String, byte[]> record, EventBatch batch, String reason) {
        List<KafkaEventSink.Part> parts = KafkaEventSink.parts(batch, DeadLetter.MAX_KEPT);
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String origin = origin(record) + (parts.size() == 1 ? "" : "#part" + (i + 1) + "of" + parts.size());
            letters.add(new DeadLetter(origin, FORMAT, reason, parts.get(i).value(),
                    DeadLetter.Replay.whole(origin, batch.incidentKey())));
        }
        log.warn("Keeping {} as {} dead letter(s): {}", origin(record), letters.size(), reason);
        store.append(new EventBatch(List.of(), letters, null, null, Viewer.SYSTEM));
    }

    /**
     * Keeps the record under its batch's incident, so that a letter of a restricted incident stays as invisible to
     * non-members as the events it holds; {@link BusLetters} replays it.
     */
    private void keep(ConsumerRecord<String, byte[]> record, @Nullable String incidentKey, String reason) {
        String origin = origin(record);
        log.warn("Keeping {} as a dead letter: {}", origin, reason);
        store.append(new EventBatch(List.of(), List.of(new DeadLetter(origin, FORMAT, reason, record.value(),
                DeadLetter.Replay.whole(origin, incidentKey))), null, null, Viewer.SYSTEM));
    }

    private static String origin(ConsumerRecord<String, byte[]> record) {
        return "kafka:" + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
