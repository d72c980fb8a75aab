package dev.hindsight.ingest.kafka;

import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The store's write port with Kafka in front: a batch is one record, keyed by its first event's dedup key (a
 * re-delivery lands on the same partition, behind the first), and the writer is answered only once every in-sync
 * replica holds it ({@code acks=all}). A batch too big for one record (Kafka's default limit is 1 MB; an import batch
 * of 2,000 events with their raw bytes is more) goes as several, the checkpoint with the last. Counts are of what was
 * queued: duplicates are absorbed by the consumer and not reported back.
 */
final class KafkaEventSink implements EventSink {

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestBusProperties props;

    KafkaEventSink(KafkaTemplate<String, byte[]> kafka, IngestBusProperties props) {
        this.kafka = kafka;
        this.props = props;
    }

    /** Below Kafka's default record limit (1 MB), with room for the record's own overhead. */
    static final int MAX_RECORD_BYTES = 900_000;

    @Override
    public AppendResult append(EventBatch batch) {
        long deadline = System.nanoTime() + props.sendTimeout().toNanos();
        try {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (Part part : parts(batch)) { // send() itself fails when the cluster cannot be reached
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(props.topic(), part.key(), part.value());
                if (batch.incidentKey() != null) {
                    record.headers().add(BatchCodec.INCIDENT_HEADER,
                            batch.incidentKey().getBytes(StandardCharsets.UTF_8));
                }
                sent.add(kafka.send(record));
            }
            for (CompletableFuture<?> f : sent) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the ingest bus took the batch", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StoreUnavailableException("the ingest bus (Kafka) did not take the batch within "
                    + props.sendTimeout().toSeconds() + " s: " + cause, e);
        }
        return new AppendResult(batch.events().size(), 0, -1);
    }

    /** One record's worth of a batch, with the encoding the size check made (sent as is, not encoded again). */
    record Part(EventBatch batch, byte[] value) {
        String key() {
            return batch.events().isEmpty()
                    ? (batch.deadLetters().isEmpty() ? "empty" : batch.deadLetters().getFirst().origin())
                    : batch.events().getFirst().dedupKey();
        }
    }

    /** The batch split in halves until every part fits one record; dead letters go first, the checkpoint last. */
    static List<Part> parts(EventBatch batch) {
        return parts(batch, MAX_RECORD_BYTES);
    }

    /** The batch split in halves until every part's encoding is at most {@code maxBytes} (or holds one record). */
    static List<Part> parts(EventBatch batch, int maxBytes) {
        byte[] value = BatchCodec.encode(batch);
        if (value.length <= maxBytes || batch.events().size() + batch.deadLetters().size() <= 1) {
            return List.of(new Part(batch, value));
        }
        EventBatch first;
        EventBatch second;
        if (batch.deadLetters().size() > 1 || (batch.deadLetters().size() == 1 && !batch.events().isEmpty())) {
            int half = Math.max(1, batch.deadLetters().size() / 2);
            first = new EventBatch(List.of(), batch.deadLetters().subList(0, half), batch.incidentKey(), null,
                    batch.writer());
            second = new EventBatch(batch.events(), batch.deadLetters().subList(half, batch.deadLetters().size()),
                    batch.incidentKey(), batch.checkpoint(), batch.writer());
        } else {
            int half = batch.events().size() / 2;
            first = new EventBatch(batch.events().subList(0, half), List.of(), batch.incidentKey(), null,
                    batch.writer());
            second = new EventBatch(batch.events().subList(half, batch.events().size()), List.of(),
                    batch.incidentKey(), batch.checkpoint(), batch.writer());
        }
        List<Part> parts = new ArrayList<>(parts(first, maxBytes));
        parts.addAll(parts(second, maxBytes));
        return parts;
    }
}
