package dev.hindsight.search.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.search.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh schedule: frequent while people search, paused while nobody does, never stale for a search. */
class LuceneIndexRefreshTests {

    @TempDir
    Path dir;

    @Test
    void whilePeopleSearchNewEventsBecomeSearchableWithinTheRefreshInterval() throws Exception {
        try (LuceneIndex index = open(Duration.ofHours(1))) {
            searchCount(index);
            index.index(events(0, 50));
            Thread.sleep(600); // several refresh intervals
            assertThat(index.searchesCurrent()).isTrue();
            assertThat(searchCount(index)).isEqualTo(50);
        }
    }

    @Test
    void whileNobodySearchesRefreshesPauseAndTheNextSearchStillSeesEverything() throws Exception {
        try (LuceneIndex index = open(Duration.ZERO)) { // idle at once
            index.index(events(0, 50));
            Thread.sleep(600);
            assertThat(index.searchesCurrent()).as("refreshed although nobody searched").isFalse();
            assertThat(searchCount(index)).isEqualTo(50);
            index.index(events(50, 20));
            Thread.sleep(600);
            assertThat(searchCount(index)).isEqualTo(70);
        }
    }

    private LuceneIndex open(Duration searchIdleAfter) {
        LuceneIndex index = new LuceneIndex(dir.resolve("index"), EventAnalyzers.create(), new NoHistory(), 16);
        index.open(Duration.ofMillis(100), Duration.ofHours(1), searchIdleAfter);
        return index;
    }

    private static int searchCount(LuceneIndex index) {
        return index.withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    private static List<StoredEvent> events(int from, int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            var event = TestEvents.event("refresh", i, EventKind.ALERT_FIRING, "disk full on db" + i).build();
            events.add(new StoredEvent(event.id(), i + 1, Instant.now(), event, Set.of()));
        }
        return events;
    }

    /** A database with nothing the index has not been given directly. */
    private record NoHistory() implements EventHistory {

        @Override
        public List<StoredEvent> after(long afterSequence, int limit) {
            return List.of();
        }

        @Override
        public void forEachSequence(LongConsumer consumer) {}

        @Override
        public long count() {
            return 0;
        }
    }
}
