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
import java.util.function.Consumer;

/**
 * The seeded corpus of the whole-process bench (noise with planted incidents), in time order as sources deliver it.
 * Generated in stretches of time sorted one by one, so ten million events stream without being held at once.
 */
public final class BenchCorpus {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int STRETCH = 200_000;

    private BenchCorpus() {}

    /** About {@code events} events over {@code span} from {@link #START}, oldest first. */
    public static void stream(int events, Duration span, Consumer<Event> out) {
        int stretches = Math.max(1, (events + STRETCH - 1) / STRETCH);
        for (int s = 0; s < stretches; s++) {
            int size = events / stretches;
            List<Event> stretch = new ArrayList<>(size + 1000);
            SyntheticIncidents.generate(new SyntheticIncidents.Config(42 + s, size, Math.max(2, size / 50_000),
                    START.plus(span.multipliedBy(s).dividedBy(stretches)), span.dividedBy(stretches),
                    Duration.ofSeconds(150)), stretch::add);
            stretch.sort(Comparator.comparing(Event::occurredAt));
            for (Event e : stretch) {
                out.accept(s == 0 ? e : distinct(e, "stretch" + s + ":"));
            }
        }
    }

    /** Another stretch numbers its records from 0 again: its own dedup keys keep every event distinct. */
    private static Event distinct(Event e, String prefix) {
        return new Event(e.source(), e.kind(), e.occurredAt(), e.originalTime(), e.originalZone(), e.zoneAssumed(),
                e.title(), e.text(),
                e.actor(), e.service(), e.host(), e.location(), e.severity(), e.labels(), e.links(), e.provider(),
                prefix + e.dedupKey(), e.raw());
    }

    /** The same events as stored, numbered from sequence 1 in time order. */
    static void streamStored(int events, Duration span, Consumer<StoredEvent> out) {
        long[] seq = {0};
        stream(events, span, e -> out.accept(new StoredEvent(e.id(), ++seq[0], START, e, Set.of())));
    }

    static List<StoredEvent> stored(int events, Duration span) {
        List<StoredEvent> all = new ArrayList<>(events + 1000);
        streamStored(events, span, all::add);
        return all;
    }
}
