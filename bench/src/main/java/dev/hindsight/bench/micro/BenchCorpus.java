package dev.hindsight.bench.micro;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.samples.SyntheticIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The seeded corpus the whole-process bench uses, as stored events in time order. */
final class BenchCorpus {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private BenchCorpus() {}

    /** About {@code events} events spread over {@code span}, with planted incidents among the noise. */
    static List<StoredEvent> stored(int events, Duration span) {
        List<Event> corpus = new ArrayList<>(events + 1000);
        SyntheticIncidents.generate(new SyntheticIncidents.Config(42, events, Math.max(2, events / 50_000), START, span,
                Duration.ofSeconds(150)), corpus::add);
        corpus.sort(Comparator.comparing(Event::occurredAt));
        List<StoredEvent> stored = new ArrayList<>(corpus.size());
        long seq = 0;
        for (Event e : corpus) {
            stored.add(new StoredEvent(e.id(), ++seq, START, e, Set.of()));
        }
        return stored;
    }
}
