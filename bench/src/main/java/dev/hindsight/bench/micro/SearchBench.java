package dev.hindsight.bench.micro;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.index.EventAnalyzers;
import dev.hindsight.search.index.EventHistory;
import dev.hindsight.search.index.LuceneIndex;
import dev.hindsight.search.query.LuceneEventSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.util.FileSystemUtils;

/**
 * Hindsight's search (exact total, six facets, highlighted top 20) for the query classes whose cost grows with the
 * number of hits, on an index built from the seeded corpus: {@code -p events=1000000} for the full-size index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBench {

    @Param("200000")
    int events;

    private Path dir;
    private LuceneIndex index;
    private LuceneEventSearch search;

    @Setup(Level.Trial)
    public void indexCorpus() throws IOException {
        List<StoredEvent> corpus = BenchCorpus.stored(events, Duration.ofDays(30));
        dir = Files.createTempDirectory("hindsight-jmh-search-");
        index = new LuceneIndex(dir, EventAnalyzers.create(), new InMemoryHistory(corpus), 64);
        index.open(Duration.ofHours(1), Duration.ofHours(1)); // catches up from the history: every event indexed
        search = new LuceneEventSearch(index, Duration.ofSeconds(2));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        index.close();
        FileSystemUtils.deleteRecursively(dir);
    }

    /** A phrase that matches about one event in eleven, sorted by time. */
    @Benchmark
    public SearchResult phrase() {
        return search.search(new SearchQuery("\"backup completed\"", null, null, Map.of(), 20, 0, SearchQuery.Sort.TIME, Set.of()));
    }

    /** No text, two keyword filters: every firing Alertmanager alert, newest first. */
    @Benchmark
    public SearchResult filterOnly() {
        return search.search(new SearchQuery("*", null, null,
                Map.of("source", Set.of("alertmanager"), "kind", Set.of("ALERT_FIRING")), 20, 0, SearchQuery.Sort.NEWEST, Set.of()));
    }

    /** Two words in a three-day range, newest first. */
    @Benchmark
    public SearchResult textAndRange() {
        return search.search(new SearchQuery("certificate renewed", BenchCorpus.START, BenchCorpus.START.plus(Duration.ofDays(3)), Map.of(), 20, 0,
                SearchQuery.Sort.NEWEST, Set.of()));
    }

    /** The events in sequence order, as the database would hand them to the index. */
    private record InMemoryHistory(List<StoredEvent> events) implements EventHistory {

        @Override
        public List<StoredEvent> after(long afterSequence, int limit) {
            int from = (int) Math.min(afterSequence, events.size()); // sequences are 1..n in list order
            return events.subList(from, Math.min(events.size(), from + limit));
        }

        @Override
        public void forEachSequence(LongConsumer consumer) {
            events.forEach(e -> consumer.accept(e.sequence()));
        }

        @Override
        public long count() {
            return events.size();
        }
    }
}
