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
 * dead letter and the partition moves on; a record re-delivered after its letter was kept finds that letter again
 * instead of making a second (the letter's key is its origin, incident and bytes).
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
            keep(record, BatchCodec.incidentKeyOf(record.headers().lastHeader(BatchCodec.INCIDENT_HEADER),
                    record.value()), List.of(record.value()),
                    "not a batch this version can read: " + e.getMessage());
            return;
        }
        try {
            store.append(batch);
        } catch (StoreUnavailableException e) {
            throw e; // retried until the store is back; the offset stays where it is
        } catch (RuntimeException e) {
            // a refused batch may be larger than a dead letter keeps whole (a record holds up to 900 KB): it is kept
            // as parts that each fit, and each part replays on its own
            keep(record, batch.incidentKey(),
                    KafkaEventSink.parts(batch, DeadLetter.MAX_KEPT).stream().map(KafkaEventSink.Part::value).toList(),
                    "the store refused the batch: " + e.getMessage());
        }
    }

    /**
     * Keeps the record's bytes, as one letter or as parts in one transaction, under its batch's incident, so that a
     * letter of a restricted incident stays as invisible to non-members as the events it holds; {@link BusLetters}
     * replays each.
     */
    private void keep(ConsumerRecord<String, byte[]> record, @Nullable String incidentKey, List<byte[]> parts,
            String reason) {
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String origin = origin(record) + (parts.size() == 1 ? "" : "#part" + (i + 1) + "of" + parts.size());
            letters.add(new DeadLetter(origin, FORMAT, reason, parts.get(i), DeadLetter.Replay.whole(origin,
                    incidentKey)));
        }
        log.warn("Keeping {} as {} dead letter(s): {}", origin(record), letters.size(), reason);
        store.append(new EventBatch(List.of(), letters, null, null, Viewer.SYSTEM));
    }

    private static String origin(ConsumerRecord<String, byte[]> record) {
        return "kafka:" + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
