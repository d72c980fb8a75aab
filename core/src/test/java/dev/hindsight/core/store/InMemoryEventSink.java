package dev.hindsight.core.store;

import dev.hindsight.core.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link EventSink} in memory, with the store's dedup rule, for tests of what feeds the store. */
public class InMemoryEventSink implements EventSink, Checkpoints {

    private final Map<String, Event> events = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<EventBatch> batches = new ArrayList<>();
    private final Map<String, String> checkpoints = new LinkedHashMap<>();
    private long sequence;

    @Override
    public synchronized AppendResult append(EventBatch batch) {
        batches.add(batch);
        int accepted = 0;
        for (Event event : batch.events()) {
            if (events.putIfAbsent(event.id(), event) == null) {
                accepted++;
                sequence++;
            }
        }
        deadLetters.addAll(batch.deadLetters());
        if (batch.checkpoint() != null) {
            checkpoints.put(batch.checkpoint().partition(), batch.checkpoint().position());
        }
        return new AppendResult(accepted, batch.events().size() - accepted, sequence);
    }

    @Override
    public synchronized java.util.Optional<String> position(String partition) {
        return java.util.Optional.ofNullable(checkpoints.get(partition));
    }

    public synchronized List<Event> events() {
        return List.copyOf(events.values());
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public synchronized List<EventBatch> batches() {
        return List.copyOf(batches);
    }
}
