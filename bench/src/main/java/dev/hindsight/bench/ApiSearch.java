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

    private final Process server;
    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ApiSearch(Process server, String base, String token) {
        this.server = server;
        this.base = base;
        this.token = token;
    }

    /** Starts the server on the data directory (no other process may hold it), with a viewer's token. */
    static ApiSearch start(Path jar, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process create = new ProcessBuilder(java, "-jar", jar.toString(), "token", "create", "bench-api", "--role",
                "VIEWER", "--data", data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (create.waitFor() != 0) {
            throw new IllegalStateException("token create failed: " + out);
        }
        Matcher m = TOKEN.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("token create printed no token: " + out);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "--add-modules", "jdk.incubator.vector",
                "-Dserver.address=127.0.0.1", "-Dlogging.level.root=WARN"));
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
        ApiSearch api = new ApiSearch(server, "http://127.0.0.1:" + port, m.group(1));
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
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
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

    /** Each query class through the API and, in the same run, of a raw IndexSearcher on the same index. */
    static void benchmark(Path jar, Path data, List<QueryClasses.QueryClass> classes, int n, List<Integer> clients,
            Map<String, double[]> inProcess, Results results) throws Exception {
        try (ApiSearch api = start(jar, data);
                DirectoryReader reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
            IndexSearcher raw = new IndexSearcher(reader);
            Map<String, StringDocValuesReaderState> facetStates = QueryClasses.facetStates(reader);
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
                            String.format(Locale.ROOT, "raw IndexSearcher%s %.2f / %.2f ms%s",
                                    q.withFacets() ? " + the same facets" : "", b50, b99, alsoInProcess),
                            Results.ratio(p50, b50) + " p50",
                            c == 1 ? "p50 ≤ raw + 2 ms, p99 ≤ 25 ms" : "p99 ≤ 100 ms",
                            c == 1 ? p50 <= b50 + 2 && p99 <= 25 : p99 <= 100);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy(); // SIGTERM: the server commits and releases the data directory
        if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
