package dev.hindsight.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook deliveries through the scaled-out layout, as {@code scripts/local-cluster} starts it (PostgreSQL,
 * OpenSearch, Hindsight nodes as processes), first with one node and then with two sharing the same senders: how
 * ingest grows from one node to two on this machine. Each delivery is answered after its PostgreSQL commit; a
 * delivery counts as searchable once a search through the first node (answered by OpenSearch) finds it. Beside it,
 * raw JDBC rows into the same PostgreSQL with a commit each. {@code HINDSIGHT_BENCH_JFR_DIR=DIR} records every JVM of
 * the clusters with Flight Recorder into DIR.
 */
final class ClusterBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SEARCHABLE_WITHIN = Duration.ofMinutes(5);

    private ClusterBench() {}

    static void run(int deliveries, int senders, Results results) throws Exception {
        double[] answered = new double[3];
        double[] searchable = new double[3];
        double raw = 0;
        int[] refused = new int[3];
        List<Map<String, Double>> cpu = new ArrayList<>(List.of(Map.of(), Map.of(), Map.of()));
        for (int nodes = 1; nodes <= 2; nodes++) {
            // a directory of its own, not under the benchmark's private one: under root, PostgreSQL and OpenSearch
            // run as a service user, which must reach it
            Path dir = Files.createTempDirectory("hindsight-bench-cluster-");
            try { // down even after a failed up: it stops whatever up had started
                JsonNode cluster = up(dir, nodes);
                List<URI> urls = new ArrayList<>();
                cluster.get("nodes").forEach(n -> urls.add(URI.create(n.get("url").asString())));
                String token = cluster.get("token").asString();
                if (nodes == 1) {
                    raw = rawPostgres(cluster.get("postgres").get("url").asString(), deliveries, senders);
                }
                Measured m = measure(urls, token, deliveries, senders, cluster);
                cpu.set(nodes, m.cpuPerDelivery);
                answered[nodes] = m.answered;
                searchable[nodes] = m.searchable;
                refused[nodes] = m.refused;
            } finally {
                down(dir);
                org.springframework.util.FileSystemUtils.deleteRecursively(dir);
            }
        }
        String layout = "PostgreSQL + OpenSearch, scripts/local-cluster, " + senders + " senders";
        results.add("webhooks, scaled-out layout, 1 node (" + layout + "; deliveries/s answered after commit"
                + refusedNote(refused[1]) + ")", Results.num(answered[1], "/s"),
                "raw JDBC into the same PostgreSQL, a commit per row, " + senders + " threads "
                        + Results.num(raw, "rows/s"),
                Results.ratio(answered[1], raw), "(context)", refused[1] == 0);
        results.add("webhooks, scaled-out layout, 2 nodes on the same 2 cores, senders split between them"
                + " (deliveries/s answered after commit" + refusedNote(refused[2]) + ")",
                Results.num(answered[2], "/s"), "1 node " + Results.num(answered[1], "/s"),
                Results.ratio(answered[2], answered[1]), "(context: one machine's cores are shared)",
                refused[2] == 0);
        for (int nodes = 1; nodes <= 2; nodes++) {
            results.add("webhooks, scaled-out layout, " + nodes + (nodes == 1 ? " node" : " nodes")
                    + ": CPU per delivery while answering, every process of the cluster (ms)",
                    String.format(Locale.ROOT, "%.2f ms", cpu.get(nodes).get(TOTAL_CPU)), perDelivery(cpu.get(nodes)),
                    "–", "(context)", true);
        }
        results.add("webhooks, scaled-out layout, first delivery sent → last one searchable through OpenSearch,"
                + " 2 nodes (deliveries/s)", Results.num(searchable[2], "/s"),
                "1 node " + Results.num(searchable[1], "/s"), Results.ratio(searchable[2], searchable[1]),
                "(context)", true);
    }

    /** Where one delivery's CPU goes, in milliseconds per part. */
    private static String perDelivery(Map<String, Double> cpu) {
        StringBuilder out = new StringBuilder();
        cpu.forEach((part, ms) -> {
            if (!part.equals(TOTAL_CPU)) {
                out.append(out.isEmpty() ? "" : ", ").append(part).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", ms));
            }
        });
        return out + " ms";
    }

    private static String refusedNote(int refused) {
        return refused == 0 ? "" : ", " + refused + " not answered 200";
    }

    private record Measured(double answered, double searchable, int refused, Map<String, Double> cpuPerDelivery) {}

    private static final String TOTAL_CPU = "all";

    /**
     * CPU time so far of each part of the cluster, in milliseconds, from /proc (Linux): the nodes, PostgreSQL's
     * server and backends, OpenSearch, and this process, whose senders post the deliveries.
     */
    private static Map<String, Double> cpuMillis(JsonNode cluster) {
        Map<String, Double> by = new LinkedHashMap<>();
        List<Long> nodes = new ArrayList<>();
        cluster.get("nodes").forEach(n -> nodes.add(n.get("pid").asLong()));
        by.put("nodes", cpuOf(nodes, false));
        by.put("PostgreSQL", cpuOf(List.of(cluster.get("postgres").get("pid").asLong()), true));
        by.put("OpenSearch", cpuOf(List.of(cluster.get("opensearch").get("pid").asLong()), true));
        by.put("senders", cpuOf(List.of(ProcessHandle.current().pid()), false));
        by.put(TOTAL_CPU, by.values().stream().mapToDouble(Double::doubleValue).sum());
        return by;
    }

    /** User and system time of these processes (and their descendants), in milliseconds. */
    private static double cpuOf(List<Long> pids, boolean descendants) {
        List<Long> all = new ArrayList<>(pids);
        if (descendants) {
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
            }
        }
        double ms = 0;
        for (long pid : all) { // a process gone meanwhile counts nothing, as before
            ms += ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toNanos() / 1e6)
                    .orElse(0.0);
        }
        return ms;
    }

    /** Warm-up as for the single-server row, then {@code deliveries} new alerts, timed. */
    private static Measured measure(List<URI> urls, String token, int deliveries, int senders, JsonNode cluster)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long before = total(http, urls.getFirst(), token);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger firstRefusal = new AtomicInteger();
            ApiSearch.WarmUp warm = ApiSearch.warmUp(t -> urls.get(t % urls.size()), token, pool, senders);
            Map<String, Double> cpuBefore = cpuMillis(cluster);
            long started = System.nanoTime();
            ApiSearch.send(t -> urls.get(t % urls.size()), token, pool, senders, i -> i < deliveries ? i : null,
                    refused, firstRefusal);
            double answered = deliveries / ((System.nanoTime() - started) / 1e9);
            Map<String, Double> cpuPerDelivery = new LinkedHashMap<>();
            cpuMillis(cluster).forEach((part, ms) -> cpuPerDelivery.put(part, (ms - cpuBefore.get(part)) / deliveries));
            long expected = before + warm.sent() - warm.refused() + deliveries - refused.get();
            long deadline = System.nanoTime() + SEARCHABLE_WITHIN.toNanos();
            while (total(http, urls.getFirst(), token) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all " + expected + " events searchable within "
                            + SEARCHABLE_WITHIN);
                }
                Thread.sleep(20);
            }
            double searchable = deliveries / ((System.nanoTime() - started) / 1e9);
            System.err.printf(Locale.ROOT, "  %d node(s): %,.0f deliveries/s answered, %,.0f/s searchable%n",
                    urls.size(), answered, searchable);
            return new Measured(answered, searchable, refused.get(), cpuPerDelivery);
        } finally {
            pool.shutdown();
        }
    }

    private static long total(HttpClient http, URI node, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/search?q=*&type=event&limit=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return -1; // OpenSearch still catching up after a restart answers 503: not searchable yet
        }
        return Long.parseLong(ApiSearch.match(ApiSearch.TOTAL, r.body()));
    }

    /** Raw JDBC, a commit per row, into a database of its own on the cluster's PostgreSQL. */
    private static double rawPostgres(String clusterUrl, int rows, int threads) throws Exception {
        try (Connection c = DriverManager.getConnection(clusterUrl, "postgres", "")) {
            c.createStatement().execute("create database raw_hooks");
        }
        String url = clusterUrl.replaceFirst("/[^/?]+(\\?|$)", "/raw_hooks$1");
        return BenchMain.rawJdbcCommitsPerRow(rows, threads, url, "postgres");
    }

    private static JsonNode up(Path dir, int nodes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("scripts/local-cluster", "up", "--nodes", Integer.toString(nodes),
                "--dir", dir.toString()).redirectError(dir.resolve("bench-up.log").toFile());
        // the senders here are the benchmark: no per-sender limit in the way
        builder.environment().put("HINDSIGHT_WEB_HOOKSPERMINUTE", "1000000000");
        String jfr = System.getenv("HINDSIGHT_BENCH_JFR_DIR");
        if (jfr != null && !jfr.isBlank()) { // every JVM the cluster starts records itself, one file per process
            builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + jfr + "/" + nodes
                    + "-nodes-%p.jfr,settings=profile,dumponexit=true");
        }
        System.err.printf(Locale.ROOT, "  starting a local cluster with %d node(s) in %s%n", nodes, dir);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("scripts/local-cluster up failed: "
                    + Files.readString(dir.resolve("bench-up.log")));
        }
        return JSON.readTree(out);
    }

    private static void down(Path dir) throws IOException, InterruptedException {
        new ProcessBuilder("scripts/local-cluster", "down", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
