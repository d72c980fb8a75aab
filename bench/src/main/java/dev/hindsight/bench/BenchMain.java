package dev.hindsight.bench;

import dev.hindsight.bench.micro.BenchCorpus;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DataRoot;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.ingest.files.FileImports;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.files.JsonlLines;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.Exporter;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.postmortem.DraftWriter;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventDocuments;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.schema.SearchMigrations;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.search.timeline.Timelines;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole-process benchmarks, each beside a baseline measured in the same run on the same data: ingest (jsonl file →
 * durable H2 commit → searchable) vs raw Lucene IndexWriter and raw JDBC batch inserts; search latency by query class
 * vs a raw IndexSearcher on the same index and vs PostgreSQL full-text search (tsvector + GIN) on the same events; a
 * timeline build; DOCX/XLSX/PDF exports of a 5k-entry incident vs raw POI; cold start of a command to its first search vs a bare JVM. {@code --quick} (default) takes under two minutes.
 */
public final class BenchMain {

    /** Searches as a responder, not an admin, so each includes the visibility rule's lookup as users' searches do. */
    private static final Viewer BENCH_VIEWER = new Viewer("bench", false);

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        boolean full = options.contains("--full");
        int events = intOption(options, "--events", full ? 1_000_000 : 100_000);
        int queries = full ? 2000 : 1000; // enough that p99 is not just the second-worst call
        int window = full ? 100_000 : 20_000;
        int only = options.indexOf("--only");
        Set<String> parts = only >= 0 && only + 1 < options.size()
                ? Set.of(options.get(only + 1).split(","))
                : Set.of("ingest", "search", "timeline", "export", "cold");
        Path work = Files.createTempDirectory("hindsight-bench-");
        Results results = new Results();
        System.err.printf(Locale.ROOT, "Hindsight bench (%s): %,d events, work dir %s, %d cores, max heap %d MB%n",
                full ? "full" : "quick", events, work,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        // the corpus: seeded background noise with planted incidents, in time order as sources deliver it
        List<Event> corpus = new ArrayList<>(events + 1000);
        BenchCorpus.stream(events, Duration.ofDays(30), corpus::add);
        Path jsonl = writeJsonl(corpus, work.resolve("corpus.jsonl"));
        System.err.printf(Locale.ROOT, "corpus: %,d events, %,d MB of jsonl%n", corpus.size(),
                Files.size(jsonl) / (1024 * 1024));

        // 1. ingest
        double rawLucene = parts.contains("ingest") ? rawLuceneIndexing(corpus, work.resolve("raw-index")) : 0;
        double rawLuceneCpu = lastCpuPerEvent;
        double rawJdbc = parts.contains("ingest")
                ? rawJdbcInserts(corpus, "jdbc:h2:file:" + work.resolve("raw-db") + "/raw;WRITE_DELAY=0", "sa")
                : 0;
        Path data = work.resolve("data");
        // the API searches ask the in-process classes' questions after the corpus list is let go
        Instant apiFrom = corpus.stream().map(Event::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
        String apiSomeId = corpus.get(corpus.size() / 2).id();
        // when the import is not a measured row, the corpus is loaded with H2's own background writer and no retention
        // of old chunks: setup only, never acknowledged to anyone. The durable setting (the product's) grows the file
        // by several GB per million events under a bulk import, so 10M would not fit on the disk (see the README).
        String loadUrl = h2Url(data, parts.contains("ingest") ? DURABLE : "RETENTION_TIME=0");
        try (ConfigurableApplicationContext app = start(data, loadUrl, "sa")) {
            double rate = importRate(app, jsonl);
            if (parts.contains("ingest")) {
                addIngest(results, "ingest jsonl → H2 commit → searchable (events/s)", rate, rawLucene, "");
                results.add("processor time per event, jsonl → H2 → searchable, every thread (µs)",
                        Results.num(lastCpuPerEvent, "µs"), "raw Lucene " + Results.num(rawLuceneCpu, "µs"),
                        Results.ratio(lastCpuPerEvent, rawLuceneCpu), "(context)", true);
                results.add("ingest vs raw JDBC batch insert of the same rows (events/s)", Results.num(rate, "ev/s"),
                        "raw JDBC " + Results.num(rawJdbc, "ev/s"),
                        Results.ratio(rate, rawJdbc), "(context)", true);
                app.getBean(LuceneIndex.class).commit();
                addStorage(results, "embedded: H2 database + Lucene index", directoryBytes(data), corpus.size(),
                        Files.size(jsonl));
                // quick mode keeps under two minutes with a slice; the full run takes every event
                otherIngests(full ? corpus : corpus.subList(0, Math.min(corpus.size(), 25_000)), full, work, rawLucene,
                        rate, results);
            }

            // 2. search latency by query class, against a raw IndexSearcher on the same index
            app.getBean(LuceneIndex.class).commit();
            if (parts.contains("search")) {
                try (PostgresFullText postgres = PostgresFullText.load(corpus::forEach)) {
                    searchBenchmarks(app, data.resolve("index"), corpus, queries, results, 1, postgres);
                    if (full) {
                        searchBenchmarks(app, data.resolve("index"), corpus, queries, results, 4, postgres);
                    }
                }
            }

            // 2d. the same questions on OpenSearch, fed from this store's database (a server process of its own)
            if (parts.contains("opensearch")) { // the index was committed before 2
                OpenSearchBench.run(app, QueryClasses.of(EventAnalyzers.create(), apiFrom,
                        apiFrom.plus(Duration.ofDays(3)), apiSomeId), queries, directoryBytes(data.resolve("index")),
                        results);
            }

            // 3. timeline build over a window of about `window` events. The decoded corpus is let go first: the product
            // holds no such list, and a gigabyte of it kept the collector marking the old generation throughout
            if (parts.contains("timeline")) {
                List<Instant> times = corpus.stream().map(Event::occurredAt).sorted().toList();
                corpus.clear();
                timelineBenchmark(app, times, window, results);
            }
        }

        // 2b. the same searches as users ask them: over HTTP to the real server on the same data directory
        if (parts.contains("search") || parts.contains("api")) {
            Path jar = Path.of("web/target/hindsight.jar");
            if (Files.isRegularFile(jar)) {
                Instant from = apiFrom, to = from.plus(Duration.ofDays(3));
                ApiSearch.benchmark(jar, data, QueryClasses.of(EventAnalyzers.create(), from, to, apiSomeId), queries,
                        full ? List.of(1, 4) : List.of(1), events, IN_PROCESS, results);
            } else {
                System.err.println("search through the API: skipped, web/target/hindsight.jar is not built");
            }
        }

        // 2c. webhook deliveries through the real server, each answered after its commit
        if (parts.contains("ingest") || parts.contains("hooks")) {
            Path jar = Path.of("web/target/hindsight.jar");
            if (Files.isRegularFile(jar)) {
                ApiSearch.webhooks(jar, data, full ? 30_000 : 20_000, 16, results);
                if (parts.contains("ingest")) { // the same jsonl as the in-process import, uploaded to a server
                    addIngest(results, "ingest jsonl uploaded through the API (POST /api/imports) → H2 commit →"
                            + " searchable (events/s)", ApiSearch.upload(jar, work.resolve("data-upload"), jsonl),
                            rawLucene, "; raw JDBC " + Results.num(rawJdbc, "ev/s"));
                }
            } else {
                System.err.println("webhooks: skipped, web/target/hindsight.jar is not built");
            }
        }

        // 2e. webhooks through the scaled-out layout (scripts/local-cluster), with one node and then two
        if (parts.contains("nodes")) {
            ClusterBench.run(full ? 30_000 : 10_000, 16, results);
        }

        // 4. exports of a 5k-entry incident
        if (parts.contains("export")) {
            exportBenchmarks(results);
        }

        // 5. cold start of a command to its first search answer (its own data directory: the web layer's migrations)
        if (parts.contains("cold")) {
            coldStart(work.resolve("cold"), jsonl, results, full);
        }

        String table = results.markdown("### Hindsight bench, " + (full ? "full" : "quick") + " mode, "
                + String.format(Locale.ROOT, "%,d", events)
                + " events, " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version());
        System.out.println(table);
        Path out = Path.of("target", "bench-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.err.println("written to " + out.toAbsolutePath());
        org.springframework.util.FileSystemUtils.deleteRecursively(work); // a full run leaves gigabytes behind otherwise
    }

    static Path writeJsonl(List<Event> events, Path file) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Event e : events) {
                w.write(JsonlLines.line(e));
                w.write('\n');
            }
        }
        return file;
    }

    /** The product's own setting: every commit written before it returns. */
    private static final String DURABLE = "WRITE_DELAY=0";

    static ConfigurableApplicationContext start(Path data) {
        return start(data, h2Url(data, DURABLE), "sa");
    }

    /** The database of this data directory, where the product keeps it, opened with {@code setting}. */
    private static String h2Url(Path data, String setting) {
        return "jdbc:h2:file:" + data + "/db/hindsight;" + setting + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    static ConfigurableApplicationContext start(Path data, String databaseUrl, String user) {
        return new SpringApplicationBuilder(BenchApplication.class)
                // the web module, left out here, is where the application binds its data directory
                .initializers(context -> context.getBeanFactory().registerSingleton("dataRoot", new DataRoot(data)))
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run("--hindsight.data=" + data, "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + user, "--spring.jpa.hibernate.ddl-auto=none",
                        "--spring.jpa.open-in-view=false",
                        "--logging.level.root=WARN", "--logging.level.org.apache.lucene.internal.vectorization=ERROR");
    }

    /** Imports {@code path} (its format detected, as a user's import would) into an empty store; events per second. */
    static double importRate(ConfigurableApplicationContext app, Path path) {
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        ImportReport report = app.getBean(FileImports.class).importPaths(List.of(path),
                ImportOptions.defaults(), Viewer.SYSTEM, ImportProgress.Listener.NONE);
        try {
            app.getBean(LuceneIndex.class).refresh(); // searchable, not only stored
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        double rate = report.accepted() / ((System.nanoTime() - started) / 1e9);
        lastCpuPerEvent = (processCpuNanos() - cpu) / 1e3 / Math.max(1, report.accepted());
        System.err.printf(Locale.ROOT, "  %s: %,d events accepted, %,d rejected, %.1f µs of processor per event%n",
                path.getFileName(), report.accepted(), report.rejected(), lastCpuPerEvent);
        return rate;
    }

    /**
     * The same events as Alertmanager notifications and as a Slack export into H2; into PostgreSQL as jsonl (and in
     * full mode in the other two formats too), beside raw JDBC inserts of the same rows into PostgreSQL.
     */
    static void otherIngests(List<Event> corpus, boolean full, Path work, double rawLucene, double h2Jsonl,
            Results results) throws Exception {
        String of = String.format(Locale.ROOT, " (%,d events, events/s)", corpus.size());
        Path jsonl = writeJsonl(corpus, work.resolve("postgres.jsonl"));
        Path alerts = SourceFormats.alertmanager(corpus, work.resolve("alertmanager"));
        try (ConfigurableApplicationContext app = start(work.resolve("data-alertmanager"))) {
            addIngest(results, "ingest Alertmanager notifications → H2 commit → searchable" + of,
                    importRate(app, alerts), rawLucene, "");
        }
        Path slack = SourceFormats.slackExport(corpus, work.resolve("slack-export.zip"));
        try (ConfigurableApplicationContext app = start(work.resolve("data-slack"))) {
            addIngest(results, "ingest Slack export → H2 commit → searchable" + of, importRate(app, slack), rawLucene,
                    "");
        }
        // into PostgreSQL: each format into a database of its own on one server; the quick mode takes jsonl only
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("jsonl", jsonl);
        if (full) {
            inputs.put("Alertmanager notifications", alerts);
            inputs.put("Slack export", slack);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "512MB")
                .start()) {
            double rawJdbc = rawJdbcInserts(corpus, postgres.getJdbcUrl("postgres", createDatabase(postgres, "raw")),
                    "postgres");
            Map<String, Double> rates = new LinkedHashMap<>();
            for (Map.Entry<String, Path> input : inputs.entrySet()) {
                String database = createDatabase(postgres, "bench" + (rates.size() + 1));
                try (ConfigurableApplicationContext app = start(work.resolve("data-postgres-" + database),
                        postgres.getJdbcUrl("postgres", database),
                        "postgres")) {
                    double rate = importRate(app, input.getValue());
                    rates.put(input.getKey(), rate);
                    if (input.getKey().equals("jsonl")) {
                        addStorage(results, "PostgreSQL: every table with its indexes and TOAST",
                                app.getBean(JdbcTemplate.class)
                                        .queryForObject("select sum(pg_total_relation_size(c.oid))"
                                                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                                + " where n.nspname = 'public' and c.relkind = 'r'", Long.class),
                                corpus.size(), Files.size(jsonl));
                    }
                    addIngest(results, "ingest " + input.getKey() + " → PostgreSQL commit → searchable" + of, rate,
                            rawLucene,
                            "; H2 jsonl " + Results.num(h2Jsonl, "ev/s"));
                }
            }
            double jsonlRate = rates.get("jsonl");
            results.add("ingest jsonl into PostgreSQL vs raw JDBC batch insert of the same rows" + of,
                    Results.num(jsonlRate, "ev/s"),
                    "raw JDBC into PostgreSQL " + Results.num(rawJdbc, "ev/s"), Results.ratio(jsonlRate, rawJdbc),
                    "(context)", true);
        }
    }

    /**
     * An ingest figure against its target (#21: at least 0.3× raw Lucene and 20,000 events/s); {@code alsoBeside} is
     * appended to the baseline column.
     */
    private static void addIngest(Results results, String what, double rate, double rawLucene, String alsoBeside) {
        results.add(what, Results.num(rate, "ev/s"), "raw Lucene " + Results.num(rawLucene, "ev/s") + alsoBeside,
                Results.ratio(rate, rawLucene),
                "≥ 0.3× raw Lucene and ≥ 20,000 ev/s", rate >= 0.3 * rawLucene && rate >= 20_000);
    }

    /**
     * What storing the corpus takes, per event, beside the jsonl it was imported from (sizing for DEPLOYMENT.md;
     * nothing to meet).
     */
    static void addStorage(Results results, String where, long bytes, long events, long jsonlBytes) {
        results.add("storage per event, " + where, Results.num((double) bytes / events, "bytes"),
                "the jsonl imported " + Results.num((double) jsonlBytes / events, "bytes"),
                Results.ratio(bytes, jsonlBytes), "(context)", true);
    }

    /** The bytes of every file under {@code dir}. */
    static long directoryBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file the index merged away while we walked
                }
            }).sum();
        }
    }

    /** A new, empty database named {@code name} (a plain identifier) on the server; its name. */
    private static String createDatabase(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create database " + name);
        }
        return name;
    }

    /**
     * Processor time of the last {@link #importRate} or {@link #rawLuceneIndexing}, every thread of this process
     * (JIT and merges included) per event, in microseconds. On a shared machine a neighbour's load slows a run's
     * events per second but hardly its processor time per event, so this ratio moves less from run to run.
     */
    static double lastCpuPerEvent;

    /** The process's processor time so far, as the JVM's operating-system bean reports it (through JMX, portably). */
    static long processCpuNanos() {
        try {
            return (Long) java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("this JVM does not report its processor time", e);
        }
    }

    /** Baseline: the same documents (same schema and analyzer) straight into an IndexWriter, one commit at the end. */
    static double rawLuceneIndexing(List<Event> corpus, Path dir) throws Exception {
        Analyzer analyzer = EventAnalyzers.create();
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        try (var directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                        .setRAMBufferSizeMB(64))) {
            long seq = 0;
            Instant now = Instant.now();
            for (Event e : corpus) {
                writer.addDocument(EventDocuments.toDocument(new StoredEvent(e.id(), ++seq, now, e, Set.of())));
            }
            writer.commit();
        }
        lastCpuPerEvent = (processCpuNanos() - cpu) / 1e3 / corpus.size();
        return corpus.size() / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Baseline: the same rows (the event table of the migrations, the store's own insert and binding, raw payloads
     * included) batch-inserted into the database at {@code url} with the store's commit size; no decoding, no
     * duplicate check, no index. Rows per second.
     */
    static double rawJdbcInserts(List<Event> corpus, String url, String user) throws Exception {
        long started;
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            createEventTable(c);
            started = System.nanoTime(); // the inserts only, not the migrations that made the table
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(JdbcEventStore.INSERT)) {
                long seq = 0;
                Instant now = Instant.now();
                for (Event e : corpus) {
                    JdbcEventStore.bind(ps, new StoredEvent(e.id(), ++seq, now, e, Set.of()));
                    ps.addBatch();
                    if (seq % ImportOptions.DEFAULT_BATCH == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return corpus.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** In-process p50 and p99 by query class and clients ("name/clients"), to print beside the API's. */
    static final Map<String, double[]> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    static void searchBenchmarks(ConfigurableApplicationContext app, Path indexDir, List<Event> corpus, int n,
            Results results, int clients,
            PostgresFullText postgres) throws Exception {
        EventSearch search = app.getBean(EventSearch.class);
        Analyzer analyzer = EventAnalyzers.create();
        Instant from = corpus.stream().map(Event::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = from.plus(Duration.ofDays(3));
        String someId = corpus.get(corpus.size() / 2).id();
        List<QueryClasses.QueryClass> classes = QueryClasses.of(analyzer, from, to, someId);
        Map<String, Supplier<Object>> sql = postgres.queries(from, to, someId);
        List<String[]> againstPostgres = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            IndexSearcher raw = new IndexSearcher(reader);
            Map<String, StringDocValuesReaderState> facetStates = QueryClasses.facetStates(reader);
            for (QueryClasses.QueryClass q : classes) {
                double[] ours = latencies(n, clients, () -> search.search(q.hindsight(), BENCH_VIEWER));
                double[] base = latencies(n, clients, () -> {
                    try {
                        return q.askRaw(raw, facetStates);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                double p50 = percentile(ours, 50), p99 = percentile(ours, 99);
                double b50 = percentile(base, 50), b99 = percentile(base, 99);
                IN_PROCESS.put(q.name() + "/" + clients, new double[]{p50, p99});
                boolean met = p50 <= 5 && p99 <= 25 && p50 - b50 <= 2;
                results.add(
                        "search " + q.name() + ", " + clients + (clients == 1 ? " client" : " clients")
                                + " (p50 / p99)",
                        String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99),
                        String.format(Locale.ROOT, "raw IndexSearcher + the same facets %.2f / %.2f ms", b50, b99),
                        Results.ratio(p50, b50) + " p50", "p50 ≤ 5 ms, p99 ≤ 25 ms, p50 within 2 ms of raw", met);
                if (clients == 1) { // the two must answer the same question: their totals are printed side by side
                    System.err.printf(Locale.ROOT, "  %s: Hindsight total %,d, PostgreSQL total %,d%n", q.name(),
                            search.search(q.hindsight(), BENCH_VIEWER).total(),
                            (Long) sql.get(q.name()).get());
                }
                double[] pg = latencies(n, clients, sql.get(q.name()));
                againstPostgres.add(new String[]{q.name(), Double.toString(p99), Double.toString(percentile(pg, 50)),
                        Double.toString(percentile(pg, 99))});
            }
        }
        for (String[] row : againstPostgres) {
            double p99 = Double.parseDouble(row[1]), pg50 = Double.parseDouble(row[2]),
                    pg99 = Double.parseDouble(row[3]);
            results.add(
                    "search " + row[0] + " vs PostgreSQL FTS, " + clients + (clients == 1 ? " client" : " clients")
                            + " (p99)",
                    String.format(Locale.ROOT, "%.2f ms", p99),
                    String.format(Locale.ROOT, "PostgreSQL tsvector+GIN %.2f / %.2f ms", pg50, pg99),
                    Results.ratio(pg99, p99) + " better", "p99 ≥ 5× better than PostgreSQL FTS", pg99 >= 5 * p99);
        }
    }

    /** The event table as the store's migrations leave it (with the rest of the store's tables). */
    static void createEventTable(Connection c) {
        SearchMigrations.apply(new SingleConnectionDataSource(c, true));
    }

    /**
     * Baseline for webhooks: {@code rows} event rows inserted into a fresh database at {@code url} by {@code threads}
     * threads, each row in its own transaction (what one delivery needs to be durable). Rows per second.
     */
    static double rawJdbcCommitsPerRow(int rows, int threads, String url) throws Exception {
        return rawJdbcCommitsPerRow(rows, threads, url, "sa");
    }

    static double rawJdbcCommitsPerRow(int rows, int threads, String url, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            createEventTable(c);
        }
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "");
                        PreparedStatement ps = c.prepareStatement(JdbcEventStore.INSERT)) {
                    c.setAutoCommit(false);
                    for (long seq = next.incrementAndGet(); seq <= rows; seq = next.incrementAndGet()) {
                        Event e = Event.builder("alertmanager", EventKind.ALERT_FIRING, base.plusSeconds(seq),
                                "BenchAlert on host-" + seq).host("host-" + seq).dedupKey("raw-" + seq).build();
                        JdbcEventStore.bind(ps, new StoredEvent(e.id(), seq, Instant.now(), e, Set.of()));
                        ps.executeUpdate();
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return rows / ((System.nanoTime() - started) / 1e9);
    }

    /** Milliseconds per call after a warm-up, from `clients` threads sharing the calls. */
    static double[] latencies(int n, int clients, Supplier<?> call) throws Exception {
        for (int i = 0; i < Math.max(50, n / 4); i++) {
            call.get();
        }
        double[] ms = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int slot = i;
                done.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    call.get();
                    ms[slot] = (System.nanoTime() - t) / 1e6;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ms;
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** @param times every event's time, oldest first */
    static void timelineBenchmark(ConfigurableApplicationContext app, List<Instant> times, int window,
            Results results) {
        int start = Math.max(0, times.size() / 2 - window / 2);
        Instant from = times.get(start);
        Instant to = times.get(Math.min(times.size() - 1, start + window - 1));
        app.getBean(IncidentCatalog.class).create(
                new NewIncident("BENCH-1", "bench window", from, to, Severity.SEV3, null, null, false, Set.of()),
                Viewer.LOCAL_ADMIN);
        Timelines engine = app.getBean(Timelines.class);
        for (int i = 0; i < 30; i++) {
            // warm-up: a build's time stops falling only after some 25 builds, once the JIT has compiled the engine's paths
            engine.timeline("BENCH-1", Viewer.LOCAL_ADMIN);
        }
        List<Double> runs = new ArrayList<>();
        Timeline t = null;
        for (int i = 0; i < 7; i++) {
            long started = System.nanoTime();
            t = engine.timeline("BENCH-1", Viewer.LOCAL_ADMIN);
            runs.add((System.nanoTime() - started) / 1e6);
        }
        System.err.printf(Locale.ROOT, "  timeline builds: %s ms%n",
                runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
        runs.sort(Comparator.naturalOrder());
        double median = runs.get(runs.size() / 2);
        long inWindow = times.stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
        // a baseline of the same run: reading the window's rows alone (what any timeline must do first)
        var windowRows = app.getBean(dev.hindsight.search.internal.store.WindowRows.class);
        int rows = windowRows.between(from, to).size();
        double readMs = bestOf(3, () -> windowRows.between(from, to));
        double budget = 500.0 * inWindow / 100_000; // the target, 500 ms for 100k events, scaled to this window
        results.add(
                String.format(Locale.ROOT, "timeline build, %,d-event window, warm (%d entries)", inWindow,
                        t.entries().size()),
                Results.num(median, "ms"),
                "reading its " + String.format(Locale.ROOT, "%,d", rows) + " rows " + Results.num(readMs, "ms"),
                Results.ratio(median, readMs),
                String.format(Locale.ROOT, "≤ 500 ms per 100k events (%.0f ms here)", budget), median <= budget);
    }

    static void exportBenchmarks(Results results) {
        Instant t0 = Instant.parse("2026-01-10T00:00:00Z");
        List<Timeline.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            entries.add(new Timeline.Entry("ev_" + i, t0.plusSeconds(7L * i), i % 3 == 0 ? "alertmanager" : "slack",
                    i % 3 == 0 ? EventKind.ALERT_FIRING : EventKind.CHAT_MESSAGE,
                    "entry " + i + " packet loss on edge" + (i % 40) + " again",
                    "s" + (i % 6), 1, null, "attached", "ana", false, null));
        }
        var storylines = new ArrayList<Timeline.Storyline>();
        for (int s = 0; s < 6; s++) {
            storylines.add(new Timeline.Storyline("s" + s, "storyline " + s, t0, t0.plusSeconds(35_000), 833, "bench"));
        }
        IncidentSummary incident = new IncidentSummary("BENCH-5K", "5k entry incident", Severity.SEV2,
                IncidentStatus.RESOLVED, t0,
                t0.plusSeconds(35_000), null, null, false, Set.of());
        Timeline timeline = new Timeline(
                new Timeline.Incident(incident.key(), incident.title(), incident.from(), incident.to()),
                List.of(new Timeline.Moment(Timeline.MomentKind.DETECTED, t0, "ev_0")),
                new Timeline.Metrics(0L, 60L, 600L, 3600L, 35_000L),
                entries, storylines, List.of());
        PostMortem pm = new PostMortem(incident.key(), ReviewStatus.DRAFT, 0, DraftWriter.draft(incident, timeline),
                null, "bench", t0, null);
        Report report = new Report(incident, timeline, pm, List.<ActionItem>of(), ZoneId.of("UTC"), t0);
        // exports are capped at MAX_DOCUMENT_ROWS in documents; the XLSX takes all 5k
        double docx = bestOf(3, () -> Exporter.export(report, ExportFormat.DOCX));
        double rawDocx = bestOf(3, () -> rawPoiTable(entries));
        results.add("DOCX export, 5k-entry incident", Results.num(docx, "ms"),
                "raw POI table of the rows " + Results.num(rawDocx, "ms"),
                Results.ratio(docx, rawDocx), "≤ 1,000 ms", docx <= 1000);
        double xlsx = bestOf(3, () -> Exporter.export(report, ExportFormat.XLSX));
        results.add("XLSX export, 5k-entry incident", Results.num(xlsx, "ms"), "DOCX above " + Results.num(docx, "ms"),
                Results.ratio(xlsx, docx),
                "(no target)", true);
        double pdf = bestOf(2, () -> Exporter.export(report, ExportFormat.PDF));
        results.add("PDF export, 5k-entry incident (first 2,000 rows)", Results.num(pdf, "ms"),
                "DOCX above " + Results.num(docx, "ms"),
                Results.ratio(pdf, docx), "(no target)", true);
    }

    static byte[] rawPoiTable(List<Timeline.Entry> entries) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            int rows = Math.min(entries.size(), Report.MAX_DOCUMENT_ROWS);
            XWPFTable table = doc.createTable(rows, 5);
            for (int i = 0; i < rows; i++) {
                var e = entries.get(i);
                var row = table.getRow(i);
                row.getCell(0).setText(e.at().toString());
                row.getCell(1).setText(e.source());
                row.getCell(2).setText(e.title());
                row.getCell(3).setText(e.storyline());
                row.getCell(4).setText("");
            }
            doc.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double bestOf(int n, Supplier<?> work) {
        work.get();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            work.get();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    /**
     * A new process: `search` on a data directory with the corpus imported, vs a JVM that only prints its version.
     *
     * @param full whether to take the best of three plain {@code java -jar} starts (quick mode takes one: 8 s each)
     */
    static void coldStart(Path data, Path corpus, Results results, boolean full) throws Exception {
        Path jsonl = data.resolveSibling("cold.jsonl");
        try (var lines = Files.lines(corpus)) {
            Files.write(jsonl, lines.limit(10_000).toList()); // what the first search reads does not need the whole corpus
        }
        Path jar = Path.of("web/target/hindsight.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println(
                    "cold start: skipped, web/target/hindsight.jar is not built (run ./hindsight --help once)");
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        bestOfProcess(List.of(java, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(), "import",
                jsonl.toString(), "--data", data.toString()), 1);
        double jvm = bestOfProcess(List.of(java, "-version"), 3);
        double plain = bestOfProcess(List.of(java, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString(),
                "search", "disk", "--limit", "1",
                "--data", data.toString()), full ? 3 : 1);
        results.add("cold start to first search: java -jar hindsight.jar search", Results.num(plain, "ms"),
                "bare JVM start " + Results.num(jvm, "ms"),
                Results.ratio(plain, jvm), "≤ 3,000 ms", plain <= 3000);
        if (Files.isExecutable(Path.of("hindsight"))) {
            bestOfProcess(List.of("./hindsight", "--version"), 1); // unpacks the jar and trains its startup cache once
            double launcher = bestOfProcess(
                    List.of("./hindsight", "search", "disk", "--limit", "1", "--data", data.toString()), 3);
            results.add(
                    "cold start to first search: ./hindsight search (unpacked, AOT cache on JDK 25, C1 only for short commands)",
                    Results.num(launcher, "ms"),
                    "bare JVM start " + Results.num(jvm, "ms"), Results.ratio(launcher, jvm), "≤ 3,000 ms",
                    launcher <= 3000);
        }
    }

    static double bestOfProcess(List<String> command, int runs) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("command failed: " + command);
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    static int intOption(List<String> options, String name, int fallback) {
        int i = options.indexOf(name);
        return i >= 0 && i + 1 < options.size()
                ? Integer.parseInt(options.get(i + 1).replace("_", "").replace(",", ""))
                : fallback;
    }
}
