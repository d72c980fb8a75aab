package dev.hindsight.bench.micro;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.bench.PostgresFullText;
import dev.hindsight.bench.QueryClasses;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventDocuments;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.EventHistory;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.query.LuceneEventSearch;
import dev.hindsight.search.internal.visibility.Visibility;
import dev.hindsight.core.incident.Viewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.util.FileSystemUtils;

/**
 * Search latency percentiles per query class, Hindsight (exact total, six facets, highlighted page) beside a raw
 * {@link IndexSearcher} asked the same question on the same index, and PostgreSQL full-text search on the same events.
 * The index of the seeded corpus is written once per size under {@code target/} and reused by later runs, as is the
 * PostgreSQL data directory: {@code -p events=10000000} for the ten-million-event figures, {@code -t 4} for four clients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SearchBench {

    @Param("1000000")
    int events;

    /** One of the keys of {@link QueryClasses}. */
    @Param({"text", "phrase", "filter", "point", "rare"})
    String queryClass;

    private LuceneIndex index;
    private LuceneEventSearch search;
    private DirectoryReader rawReader;
    private IndexSearcher raw;
    private Map<String, StringDocValuesReaderState> rawFacetStates;
    private QueryClasses.QueryClass query;
    private PostgresFullText postgres;
    private Supplier<Object> postgresQuery;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws IOException, SQLException {
        Path dir = Path.of("target", "jmh-search-index-v2-" + events);
        long count = indexedCount(dir);
        if (count < 0) {
            FileSystemUtils.deleteRecursively(dir);
            count = writeIndex(dir);
        }
        index = new LuceneIndex(dir, EventAnalyzers.create(), new IndexedHistory(count), 64);
        index.open(Duration.ofHours(1), Duration.ofHours(1));
        // an admin's search: the visibility rule costs one SQL query per search, measured by the end-to-end bench
        search = new LuceneEventSearch(index, new Visibility(null), Duration.ofSeconds(2));
        rawReader = DirectoryReader.open(FSDirectory.open(dir));
        raw = new IndexSearcher(rawReader);
        rawFacetStates = QueryClasses.facetStates(rawReader);
        String someId = raw.storedFields().document(rawReader.maxDoc() / 2).get(EventFields.ID); // from the middle of the index
        query = QueryClasses
                .of(EventAnalyzers.create(), BenchCorpus.START, BenchCorpus.START.plus(Duration.ofDays(3)), someId)
                .stream()
                .filter(q -> q.key().equals(queryClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no query class " + queryClass));
        if (params.getBenchmark().endsWith(".postgresFullText")) {
            postgres = PostgresFullText.openOrLoad(Path.of("target", "jmh-postgres-v1-" + events).toAbsolutePath(),
                    out -> BenchCorpus.stream(events, Duration.ofDays(30), out));
            postgresQuery = postgres.queries(BenchCorpus.START, BenchCorpus.START.plus(Duration.ofDays(3)), someId)
                    .get(query.name());
            System.err.printf(Locale.ROOT, "%s: Hindsight total %,d, PostgreSQL total %,d%n", query.name(),
                    search.search(query.hindsight(), Viewer.SYSTEM).total(),
                    (Long) postgresQuery.get()); // the two must answer the same question
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        rawReader.close();
        index.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public SearchResult hindsight() {
        return search.search(query.hindsight(), Viewer.SYSTEM);
    }

    @Benchmark
    public Object rawLucene() throws IOException {
        return query.askRaw(raw, rawFacetStates);
    }

    /** The same question of PostgreSQL full-text search (tsvector + GIN) over the same events. */
    @Benchmark
    public Object postgresFullText() {
        return postgresQuery.get();
    }

    /** Events in the index written by an earlier run, or -1 if there is none of the current layout. */
    private static long indexedCount(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (var directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return -1;
            }
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            return EventDocuments.SCHEMA.equals(data.get(EventFields.COMMIT_SCHEMA))
                    ? Long.parseLong(data.get(EventFields.COMMIT_SEQ))
                    : -1;
        }
    }

    /** The corpus straight into an index writer, streamed, with the commit data Hindsight's index expects. */
    private long writeIndex(Path dir) throws IOException {
        long[] written = {0};
        try (var directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory,
                        new IndexWriterConfig(EventAnalyzers.create()).setRAMBufferSizeMB(256))) {
            BenchCorpus.streamStored(events, Duration.ofDays(30), e -> {
                try {
                    writer.addDocument(EventDocuments.toDocument(e));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                written[0] = e.sequence();
            });
            writer.setLiveCommitData(Map
                    .of(EventFields.COMMIT_SEQ, Long.toString(written[0]), EventFields.COMMIT_SCHEMA,
                            EventDocuments.SCHEMA)
                    .entrySet());
            writer.forceMerge(10); // the segment count a settled index has, not the writer's flush count
            writer.commit();
        }
        return written[0];
    }

    /** The database as the index sees it: everything up to {@code count} is already indexed. */
    private record IndexedHistory(long count) implements EventHistory {

        @Override
        public List<StoredEvent> after(long afterSequence, int limit) {
            return List.of();
        }

        @Override
        public void forEachSequence(LongConsumer consumer) {
            for (long seq = 1; seq <= count; seq++) {
                consumer.accept(seq);
            }
        }
    }
}
