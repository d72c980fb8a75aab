package dev.hindsight.bench;

import dev.hindsight.core.store.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

/**
 * Search as users meet it: the real server ({@code hindsight.jar serve}) on the benchmark's data directory, asked over
 * HTTP with a bearer token through {@code GET /api/search}, the way the UI and the command-line client ask, beside a
 * raw {@link IndexSearcher} on the same index in the same run. {@code HINDSIGHT_BENCH_JFR=FILE} records the server
 * with Java Flight Recorder's profile settings while it answers.
 */
final class ApiSearch implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * The senders post in windows of this length before the measured deliveries, until the rate stops rising (a window
     * no more than 5% above the best before it, twice in a row) or {@link #WARM_UP_AT_MOST} has passed. A server runs
     * for days; a freshly started one spends its first minute or two of this load in the JIT compiler. On a 2-core box
     * that took 90 s: about 100 deliveries/s in the first 5 s, 500 after 20 s, and 1,300 to 1,800 from 90 s on, once
     * the compiler's time stopped growing ({@code jstat -compiler}). A fixed 30 s measured a server still compiling.
     */
    static final Duration WARM_UP_WINDOW = Duration.ofSeconds(10);

    static final Duration WARM_UP_AT_MOST = Duration.ofMinutes(4);

    /** What the warm-up sent: how long it took, how many alerts and how many were refused, its first and last rate. */
    record WarmUp(double seconds, int sent, int refused, double firstRate, double lastRate) {}

    /** Warms the server(s) up as {@link #WARM_UP_WINDOW} says, on alerts numbered below zero (never measured ones). */
    static WarmUp warmUp(java.util.function.IntFunction<URI> baseOf, String token,
            java.util.concurrent.ExecutorService pool, int senders) throws Exception {
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        long started = System.nanoTime();
        double first = 0, best = 0, last = 0;
        for (int flat = 0; flat < 2 && System.nanoTime() - started < WARM_UP_AT_MOST.toNanos();) {
            int before = sent.get();
            long windowStarted = System.nanoTime(), until = windowStarted + WARM_UP_WINDOW.toNanos();
            send(baseOf, token, pool, senders, i -> {
                if (System.nanoTime() >= until) {
                    return null;
                }
                return -1 - sent.getAndIncrement();
            }, refused, new java.util.concurrent.atomic.AtomicInteger());
            last = (sent.get() - before) / ((System.nanoTime() - windowStarted) / 1e9);
            first = first == 0 ? last : first;
            flat = last > best * 1.05 ? 0 : flat + 1;
            best = Math.max(best, last);
            System.err.printf(Locale.ROOT, "  warm-up: %,.0f deliveries/s%n", last);
        }
        return new WarmUp((System.nanoTime() - started) / 1e9, sent.get(), refused.get(), first, last);
    }

    private final Process server;
    private final String base;
    private final String token;
    private final String writerToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ApiSearch(Process server, String base, String token, String writerToken) {
        this.server = server;
        this.base = base;
        this.token = token;
        this.writerToken = writerToken;
    }

    /** A token made with the command line while no server holds the data directory. */
    private static String createToken(String java, Path jar, Path data, String name, String role) throws Exception {
        Process create = new ProcessBuilder(java, "-jar", jar.toString(), "token", "create", name, "--role", role,
                "--data", data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (create.waitFor() != 0) {
            throw new IllegalStateException("token create failed: " + out);
        }
        Matcher m = TOKEN.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("token create printed no token: " + out);
        }
        return m.group(1);
    }

    /** Starts the server on the data directory (no other process may hold it), with a viewer's token. */
    static ApiSearch start(Path jar, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String viewer = createToken(java, jar, data, "bench-api", "VIEWER");
        String responder = createToken(java, jar, data, "bench-hooks", "RESPONDER");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "--add-modules", "jdk.incubator.vector",
                "-Dserver.address=127.0.0.1", "-Dlogging.level.root=WARN",
                // the senders here are the benchmark: no per-sender limit in the way
                "-Dhindsight.web.hooks-per-minute=1000000000"));
        String extra = System.getenv("HINDSIGHT_BENCH_SERVER_OPTS"); // e.g. -Dspring.threads.virtual.enabled=false
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        String jfr = System.getenv("HINDSIGHT_BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:FlightRecorderOptions:stackdepth=512");
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--no-samples", "--port", Integer.toString(port),
                "--data", data.toString()));
        Path log = data.resolveSibling("api-server.log");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiSearch api = new ApiSearch(server, "http://127.0.0.1:" + port, viewer, responder);
        api.awaitHealthy(log);
        return api;
    }

    private void awaitHealthy(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not become healthy in 3 minutes");
    }

    /** The same question as {@code query}, as the UI asks it: its words, range, filters, page size and order. */
    static String url(SearchQuery query) {
        StringBuilder sb = new StringBuilder("/api/search?q=").append(encode(query.text()));
        if (query.from() != null) {
            sb.append("&from=").append(encode(query.from().toString()));
        }
        if (query.to() != null) {
            sb.append("&to=").append(encode(query.to().toString()));
        }
        for (Map.Entry<String, Set<String>> filter : query.filters().entrySet()) {
            for (String value : filter.getValue()) {
                sb.append('&').append(encode(filter.getKey())).append('=').append(encode(value));
            }
        }
        sb.append("&limit=").append(query.limit()).append("&sort=")
                .append(query.sort().name().toLowerCase(Locale.ROOT));
        return sb.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One search over HTTP; the body is read whole, as a browser would. */
    String get(String pathAndQuery) {
        return get(pathAndQuery, token);
    }

    private String get(String pathAndQuery, String bearer) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each query class through the API and, in the same run, of a raw IndexSearcher on the same index. The 1-client
     * target is #21's for 1M events; beyond that only the 4-client one (10M) applies.
     */
    static void benchmark(Path jar, Path data, List<QueryClasses.QueryClass> classes, int n, List<Integer> clients,
            int events, Map<String, double[]> inProcess, Results results) throws Exception {
        boolean oneClientTarget = events <= 1_000_000;
        try (ApiSearch api = start(jar, data);
                DirectoryReader reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
            IndexSearcher raw = new IndexSearcher(reader);
            Map<String, StringDocValuesReaderState> facetStates = QueryClasses.facetStates(reader);
            // a server just started compiles its request path during the first class's warm-up: every class is asked
            // first, so the first row measured is as warm as the last
            for (QueryClasses.QueryClass q : classes) {
                String url = url(q.hindsight());
                for (int i = 0; i < 200; i++) {
                    api.get(url);
                }
            }
            for (int c : clients) {
                for (QueryClasses.QueryClass q : classes) {
                    String url = url(q.hindsight());
                    double[] ours = BenchMain.latencies(n, c, () -> api.get(url));
                    double[] base = BenchMain.latencies(n, c, () -> {
                        try {
                            return q.askRaw(raw, facetStates);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    double p50 = BenchMain.percentile(ours, 50), p99 = BenchMain.percentile(ours, 99);
                    double b50 = BenchMain.percentile(base, 50), b99 = BenchMain.percentile(base, 99);
                    double[] in = inProcess.get(q.name() + "/" + c);
                    String alsoInProcess = in == null
                            ? ""
                            : String.format(Locale.ROOT, "; in-process %.2f / %.2f ms", in[0], in[1]);
                    results.add("search " + q.name() + " through the API (HTTP, token), " + c
                            + (c == 1 ? " client" : " clients") + " (p50 / p99)",
                            String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99),
                            String.format(Locale.ROOT, "raw IndexSearcher + the same facets %.2f / %.2f ms%s", b50,
                                    b99, alsoInProcess),
                            Results.ratio(p50, b50) + " p50",
                            c > 1 ? "p99 ≤ 100 ms" : oneClientTarget ? "p50 ≤ raw + 2 ms, p99 ≤ 25 ms" : "(set at 1M)",
                            c > 1 ? p99 <= 100 : !oneClientTarget || (p50 <= b50 + 2 && p99 <= 25));
                }
            }
        }
    }

    /**
     * Alertmanager notifications (one new alert each) posted by {@code senders} threads as fast as the server answers;
     * every one must be answered 200, which the server gives only after its commit. Beside it, the same number of
     * rows inserted into H2 by as many threads with a commit each (the durable write each delivery needs, without
     * HTTP, decoding or the index). Deliveries per second.
     */
    static void webhooks(Path jar, Path data, int deliveries, int senders, Results results) throws Exception {
        double raw = BenchMain.rawJdbcCommitsPerRow(deliveries, senders,
                "jdbc:h2:file:" + data.resolveSibling("raw-hooks-db") + "/raw;WRITE_DELAY=0");
        try (ApiSearch api = start(jar, data)) {
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger firstRefusal = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
            // warm-up with the same senders until the rate settles, on alerts of their own so that the measured ones
            // are all new
            WarmUp warm = warmUp(t -> URI.create(api.base), api.writerToken, pool, senders);
            Path file = data.resolve("db/hindsight.mv.db");
            long sizeBefore = Files.size(file);
            Duration cpuBefore = api.serverCpu();
            long started = System.nanoTime();
            send(api, pool, senders, i -> i < deliveries ? i : null, refused, firstRefusal);
            double rate = deliveries / ((System.nanoTime() - started) / 1e9);
            double cpuPerDelivery = api.serverCpu().minus(cpuBefore).toNanos() / 1e6 / deliveries;
            double grown = (Files.size(file) - sizeBefore) / 1024.0 / deliveries;
            pool.shutdown();
            results.add("webhooks: Alertmanager notifications, " + senders + " concurrent senders on kept-alive"
                    + " connections, each answered after its commit, after "
                    + String.format(Locale.ROOT, "%.0f", warm.seconds()) + " s of warm-up (deliveries/s)"
                    + (refused.get() > 0
                            ? ", " + refused.get() + " refused (first: HTTP " + firstRefusal.get() + ")"
                            : ""),
                    Results.num(rate, "/s"), "raw JDBC, a commit per row, " + senders + " threads "
                            + Results.num(raw, "rows/s"),
                    Results.ratio(rate, raw), "≥ 2,000/s", rate >= 2000 && refused.get() == 0);
            // a ratio that moves less than deliveries per second on a shared machine
            double allCores = CORES * 1e3 / rate; // ms of the machine's processor each delivery had
            results.add("webhooks: the server's processor time per delivery while measured, every thread (ms)",
                    String.format(Locale.ROOT, "%.2f ms", cpuPerDelivery), "the machine's " + CORES
                            + " cores at the rate measured " + String.format(Locale.ROOT, "%.2f ms", allCores),
                    Results.ratio(cpuPerDelivery, allCores), "(context)", true);
            results.add("webhooks: the same senders in the first " + WARM_UP_WINDOW.toSeconds() + " s after the"
                    + " server started (deliveries/s; the JIT compiler is still at work)",
                    Results.num(warm.firstRate(), "/s"), "warm " + Results.num(rate, "/s"),
                    Results.ratio(warm.firstRate(), rate), "(context)", true);
            // H2 writes a chunk per commit and, with WRITE_DELAY=0, never compacts while open (its housekeeping
            // runs on the background writer that setting turns off): the file grows by far more than the rows
            double rawFile = Files.size(data.resolveSibling("raw-hooks-db").resolve("raw.mv.db")) / 1024.0
                    / deliveries;
            results.add("webhooks: H2 file growth per delivery while measured (KB)",
                    String.format(Locale.ROOT, "%.1f KB", grown),
                    String.format(Locale.ROOT, "raw JDBC database, per row, after closing %.1f KB", rawFile),
                    Results.ratio(grown, rawFile), "(context)", true);
        }
    }

    private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JOB_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    /**
     * A file uploaded as a user uploads it ({@code POST /api/imports}, multipart, a responder's token) to a server on
     * an empty data directory, its job followed until done and its events until search finds them all; events per
     * second from the first byte sent to the last event searchable.
     */
    static double upload(Path jar, Path data, Path file) throws Exception {
        try (ApiSearch api = start(jar, data)) {
            String boundary = "hindsight-bench-" + System.nanoTime();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            long started = System.nanoTime();
            HttpResponse<String> posted = api.http.send(HttpRequest.newBuilder(URI.create(api.base + "/api/imports"))
                    .header("Authorization", "Bearer " + api.writerToken)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(file), tail)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 202) {
                throw new IllegalStateException("the upload answered " + posted.statusCode() + ": " + posted.body());
            }
            String job = "/api/imports/" + match(JOB_ID, posted.body());
            String status = api.get(job, api.writerToken); // a job is seen by the user who started it
            for (String state = match(JOB_STATUS, status); !state.equals("DONE"); state = match(JOB_STATUS, status)) {
                if (state.equals("FAILED")) {
                    throw new IllegalStateException("the upload's import failed: " + status);
                }
                Thread.sleep(50);
                status = api.get(job, api.writerToken);
            }
            long accepted = Long.parseLong(match(ACCEPTED, status));
            while (Long.parseLong(match(TOTAL, api.get("/api/search?q=*&limit=1"))) < accepted) {
                Thread.sleep(20); // committed; searchable at the index's next refresh
            }
            double rate = accepted / ((System.nanoTime() - started) / 1e9);
            System.err.printf(Locale.ROOT, "  upload of %s: %,d events accepted%n", file.getFileName(), accepted);
            return rate;
        }
    }

    static String match(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + json);
        }
        return m.group(1);
    }

    /**
     * Notifications posted by {@code senders} threads, each on its own connection, numbered by {@code alert} until it
     * answers null.
     */
    private static void send(ApiSearch api, java.util.concurrent.ExecutorService pool, int senders,
            java.util.function.IntFunction<Integer> alert, java.util.concurrent.atomic.AtomicInteger refused,
            java.util.concurrent.atomic.AtomicInteger firstRefusal) throws Exception {
        send(t -> URI.create(api.base), api.writerToken, pool, senders, alert, refused, firstRefusal);
    }

    /** As above, sender {@code t} posting to the server at {@code baseOf(t)}. */
    static void send(java.util.function.IntFunction<URI> baseOf, String token,
            java.util.concurrent.ExecutorService pool, int senders, java.util.function.IntFunction<Integer> alert,
            java.util.concurrent.atomic.AtomicInteger refused, java.util.concurrent.atomic.AtomicInteger firstRefusal)
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            URI base = baseOf.apply(t);
            done.add(pool.submit(() -> {
                try (HookSender sender = new HookSender(base, token)) {
                    for (Integer a = alert.apply(next.getAndIncrement()); a != null; a = alert
                            .apply(next.getAndIncrement())) {
                        int status = sender.post("/hooks/alertmanager", notification(a));
                        if (status != 200) {
                            refused.incrementAndGet();
                            firstRefusal.compareAndSet(0, status);
                        }
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
    }

    private static String notification(int i) {
        String at = java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(Math.abs(i)).toString();
        return """
                {"version":"4","groupKey":"{}:{alertname=BenchAlert}","status":"firing","receiver":"hindsight",
                 "groupLabels":{"alertname":"BenchAlert"},"commonLabels":{"alertname":"BenchAlert"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093","truncatedAlerts":0,
                 "alerts":[{"status":"firing","labels":{"alertname":"BenchAlert","instance":"host-N:9100",
                 "severity":"critical"},"annotations":{"summary":"bench alert N"},"startsAt":"AT",
                 "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph","fingerprint":"FP"}]}
                """.replace("N", Integer.toString(i)).replace("AT", at)
                .replace("FP", String.format(Locale.ROOT, "%016x", (long) i));
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The server process's processor time so far (user and system, every thread). */
    Duration serverCpu() {
        return server.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "this system does not tell a process's processor time"));
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy(); // SIGTERM: the server commits and releases the data directory
        if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
