package dev.hindsight.ingest.kafka;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.KeptBatches;

/**
 * Replays the bus's dead letters: the record's batch, read again, goes straight to the database's store (not back onto
 * the bus), so the replay reports what was stored and a batch refused again is refused to the replayer, not kept as a
 * second letter.
 */
final class BusLetters implements KeptBatches {

    private final EventSink store;

    BusLetters(EventSink store) {
        this.store = store;
    }

    @Override
    public String format() {
        return BusConsumer.FORMAT;
    }

    @Override
    public AppendResult replay(byte[] raw, Viewer viewer) {
        EventBatch kept;
        try {
            kept = BatchCodec.decode(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("still not a batch this version can read: " + e.getMessage(), e);
        }
        return store.append(new EventBatch(kept.events(), kept.deadLetters(), kept.incidentKey(), null, viewer));
    }
}
