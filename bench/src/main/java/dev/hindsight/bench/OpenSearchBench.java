package dev.hindsight.bench;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.internal.index.EventHistory;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.visibility.Visibility;
import dev.hindsight.search.opensearch.OpenSearchEventSearch;
import dev.hindsight.search.opensearch.OpenSearchFeed;
import dev.hindsight.search.opensearch.OpenSearchIndex;
import dev.hindsight.search.opensearch.OpenSearchProperties;
import dev.hindsight.search.opensearch.OpenSearchServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search on OpenSearch beside the embedded index, on the same events in the same run: the feed's rate from the
 * database (beside the same feed from memory, which is OpenSearch's bulk alone), each query class's p50/p99 on both
 * engines, and how far behind the database the cluster's search runs while events keep arriving.
 */
final class OpenSearchBench {

    private static final Viewer VIEWER = new Viewer("bench", false);

    private OpenSearchBench() {}

    /** @param embeddedIndexBytes the embedded Lucene index of the same events, on disk */
    static void run(ConfigurableApplicationContext app, List<QueryClasses.QueryClass> classes, int queries,
            long embeddedIndexBytes, Results results) throws Exception {
        System.setProperty("opensearch.home", distribution().toString());
        // the machine's cores and a heap for a million events, as the embedded index has them
        System.setProperty("opensearch.heap", "1g");
        System.setProperty("opensearch.processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        OpenSearchServer server = OpenSearchServer.shared();
        EventRows rows = app.getBean(EventRows.class);
        try {
            OpenSearchProperties props = properties(server, "bench");
            try (OpenSearchIndex index = new OpenSearchIndex(props);
                    OpenSearchFeed feed = new OpenSearchFeed(index, rows, ClusterJobs.SINGLE_NODE, props)) {
                double fromDatabase = feedRate(index, feed);
                List<StoredEvent> all = new ArrayList<>();
                for (List<StoredEvent> page = rows.after(0, 10_000); !page.isEmpty(); page = rows
                        .after(page.getLast().sequence(), 10_000)) {
                    all.addAll(page);
                }
                OpenSearchProperties rawProps = properties(server, "bench-raw");
                double fromMemory;
                try (OpenSearchIndex rawIndex = new OpenSearchIndex(rawProps);
                        OpenSearchFeed rawFeed = new OpenSearchFeed(rawIndex, new InMemory(all),
                                ClusterJobs.SINGLE_NODE,
                                rawProps)) {
                    fromMemory = feedRate(rawIndex, rawFeed);
                }
                results.add("OpenSearch feed: database → bulk → searchable (events/s)",
                        Results.num(fromDatabase, "ev/s"),
                        "the same bulk from memory " + Results.num(fromMemory, "ev/s"),
                        Results.ratio(fromDatabase, fromMemory), "(context)", true);
                storage(server, index.alias(), embeddedIndexBytes, results);

                EventSearch embedded = app.getBean(EventSearch.class);
                OpenSearchEventSearch cluster = new OpenSearchEventSearch(index, app.getBean(Visibility.class),
                        Duration.ofSeconds(5));
                for (QueryClasses.QueryClass q : classes) {
                    long onCluster = cluster.search(q.hindsight(), VIEWER).total();
                    long onEmbedded = embedded.search(q.hindsight(), VIEWER).total();
                    System.err.printf(Locale.ROOT, "  %s: embedded total %,d, OpenSearch total %,d%n", q.name(),
                            onEmbedded, onCluster);
                    double[] os = BenchMain.latencies(queries, 1, () -> cluster.search(q.hindsight(), VIEWER));
                    double[] lucene = BenchMain.latencies(queries, 1, () -> embedded.search(q.hindsight(), VIEWER));
                    double p50 = BenchMain.percentile(os, 50), p99 = BenchMain.percentile(os, 99);
                    double e50 = BenchMain.percentile(lucene, 50), e99 = BenchMain.percentile(lucene, 99);
                    results.add("search " + q.name() + " on OpenSearch, 1 client (p50 / p99)",
                            String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99),
                            String.format(Locale.ROOT, "embedded index %.2f / %.2f ms", e50, e99),
                            Results.ratio(p99, e99) + " p99", "p99 ≤ 2× embedded, same total",
                            p99 <= 2 * e99 && onCluster == onEmbedded);
                }
                lag(app.getBean(EventSink.class), feed, cluster, results);
            }
        } finally {
            server.stop();
        }
    }

    /** Everything the feed has not sent yet, sent and made searchable; events per second. */
    private static double feedRate(OpenSearchIndex index, OpenSearchFeed feed) {
        long started = System.nanoTime();
        long total = 0;
        for (long sent = feed.catchUp(); sent > 0; sent = feed.catchUp()) {
            total += sent;
        }
        index.refresh();
        return total / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Batches of 100 events committed every 100 ms for about 10 s while the feed follows on its own schedule: for each
     * batch, the time from its commit until a search on the cluster finds all of it.
     */
    private static void lag(EventSink sink, OpenSearchFeed feed, OpenSearchEventSearch search, Results results)
            throws Exception {
        feed.start();
        List<Double> lags = new ArrayList<>();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        for (int batch = 0; batch < 100; batch++) {
            String word = "lagprobe" + batch + "x" + Long.toHexString(System.nanoTime());
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(Event.builder("bench-lag", EventKind.NOTE, t0.plusSeconds(batch * 100L + i), word + " " + i)
                        .dedupKey(word + "#" + i).build());
            }
            sink.append(EventBatch.of(events));
            long committed = System.nanoTime();
            SearchQuery probe = SearchQuery.text(word, 0);
            while (search.search(probe, Viewer.LOCAL_ADMIN).total() < 100) {
                if (System.nanoTime() - committed > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("batch " + batch + " not searchable on OpenSearch after 30 s");
                }
                Thread.sleep(20);
            }
            lags.add((System.nanoTime() - committed) / 1e6);
            Thread.sleep(Math.max(0, 100 - (long) ((System.nanoTime() - committed) / 1e6)));
        }
        double[] ms = lags.stream().mapToDouble(Double::doubleValue).toArray();
        double p50 = BenchMain.percentile(ms, 50), p99 = BenchMain.percentile(ms, 99);
        results.add("OpenSearch search behind the database under ingest (commit → found, p50 / p99)",
                String.format(Locale.ROOT, "%.0f / %.0f ms", p50, p99), "follow every 0.5 s, refresh every 1 s",
                "", "≤ 2 s behind", p99 <= 2000);
    }

    /** The index's primary store per document beside the embedded index's files per event (sizing, no target). */
    private static void storage(OpenSearchServer server, String alias, long embeddedIndexBytes, Results results)
            throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.url().resolve("/" + alias + "/_stats/store,docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode primaries = JsonMapper.builder().build().readTree(stats.body()).path("_all").path("primaries");
        long docs = primaries.path("docs").path("count").asLong();
        long bytes = primaries.path("store").path("size_in_bytes").asLong();
        if (stats.statusCode() != 200 || docs == 0) {
            throw new IllegalStateException("OpenSearch index stats: " + stats.statusCode() + " " + stats.body());
        }
        results.add("storage per event, OpenSearch index (primary store, before any merge)",
                Results.num((double) bytes / docs, "bytes"),
                "embedded Lucene index " + Results.num((double) embeddedIndexBytes / docs, "bytes"),
                Results.ratio(bytes, embeddedIndexBytes), "(context)", true);
    }

    private static OpenSearchProperties properties(OpenSearchServer server, String alias) {
        return new OpenSearchProperties(server.url(), alias + "-" + Long.toHexString(System.nanoTime()), 1, 0, 2000,
                Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    /** The distribution the build unpacked for the OpenSearch module's tests. */
    private static Path distribution() throws IOException {
        Path unpacked = Path.of("search/opensearch/target/opensearch-server");
        try (Stream<Path> dirs = Files.exists(unpacked) ? Files.list(unpacked) : Stream.empty()) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("opensearch-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OpenSearch distribution under " + unpacked
                            + "; build the project (./mvnw -DskipTests package) first"));
        }
    }

    /** The database's events held in memory, in sequence order: the feed then costs only OpenSearch's bulk. */
    private record InMemory(List<StoredEvent> events) implements EventHistory {
        @Override
        public List<StoredEvent> after(long afterSequence, int limit) {
            int from = 0;
            int to = events.size();
            while (from < to) {
                int mid = (from + to) >>> 1;
                if (events.get(mid).sequence() <= afterSequence) {
                    from = mid + 1;
                } else {
                    to = mid;
                }
            }
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
