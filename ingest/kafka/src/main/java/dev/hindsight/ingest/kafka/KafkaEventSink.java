package dev.hindsight.ingest.kafka;

import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.StoreUnavailableException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The store's write port with Kafka in front: a batch is one record, keyed by its first event's dedup key (a
 * re-delivery lands on the same partition, behind the first), and the writer is answered only once every in-sync
 * replica holds it ({@code acks=all}). Counts are of what was queued: duplicates are absorbed by the consumer and not
 * reported back.
 */
final class KafkaEventSink implements EventSink {

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestBusProperties props;

    KafkaEventSink(KafkaTemplate<String, byte[]> kafka, IngestBusProperties props) {
        this.kafka = kafka;
        this.props = props;
    }

    @Override
    public AppendResult append(EventBatch batch) {
        String key = batch.events().isEmpty()
                ? (batch.deadLetters().isEmpty() ? "empty" : batch.deadLetters().getFirst().origin())
                : batch.events().getFirst().dedupKey();
        try {
            kafka.send(new ProducerRecord<>(props.topic(), key, BatchCodec.encode(batch)))
                    .get(props.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
}
