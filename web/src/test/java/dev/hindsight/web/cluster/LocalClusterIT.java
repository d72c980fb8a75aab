package dev.hindsight.web.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scaled-out layout as an operator runs it: {@code scripts/local-cluster up --nodes 2 --kafka} starts PostgreSQL,
 * OpenSearch, a Kafka broker as the ingest bus and two nodes of the packaged jar, and the same things a user does on
 * the embedded default work across them: import on one node, search, timeline and export on the other, a restricted
 * incident hidden from an outsider on both. Webhooks lose and duplicate nothing when the broker restarts under them
 * or when one node is killed with -9 mid-stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("hindsight.root", "..")).toAbsolutePath().normalize();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Path dir;
    JsonNode cluster;
    String admin;
    URI a;
    URI b;

    @BeforeAll
    void up() throws Exception {
        dir = Files.createTempDirectory("hindsight-local-cluster-");
        Process up = script("up", "--nodes", "2", "--kafka", "--dir", dir.toString());
        String out = new String(up.getInputStream().readAllBytes(), UTF_8);
        assertThat(up.waitFor(8, TimeUnit.MINUTES)).isTrue();
        assertThat(up.exitValue()).as("local-cluster up: %s; logs in %s", out, dir).isZero();
        cluster = JSON.readTree(out);
        admin = "Bearer " + cluster.path("token").asString();
        a = URI.create(cluster.path("nodes").get(0).path("url").asString());
        b = URI.create(cluster.path("nodes").get(1).path("url").asString());
    }

    @AfterAll
    void down() throws Exception {
        if (dir != null) {
            Process down = script("down", "--dir", dir.toString());
            down.getInputStream().transferTo(System.err);
            assertThat(down.waitFor(3, TimeUnit.MINUTES)).isTrue();
            for (JsonNode node : cluster == null
                    ? List.<JsonNode>of()
                    : List.of(cluster.path("nodes").get(0),
                            cluster.path("nodes").get(1), cluster.path("opensearch"), cluster.path("postgres"))) {
                long pid = node.path("pid").asLong();
                assertThat(running(pid)).as("pid %d stopped by down", pid).isFalse();
            }
        }
    }

    /** Alive and not a zombie (a stopped server whose parent has not reaped it is gone for every purpose). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    private Process script(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/local-cluster").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HINDSIGHT_JAR", ROOT.resolve("web/target/hindsight.jar").toString());
        return builder.start();
    }

    private HttpResponse<String> send(String method, URI node, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token);
        if (json != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(URI node, String path, String token) throws Exception {
        HttpResponse<String> r = send("GET", node, path, token, null);
        assertThat(r.statusCode()).as("GET %s%s: %s", node, path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long total(URI node, String query, String token) throws Exception {
        return get(node, "/api/search?type=event&q=" + java.net.URLEncoder.encode(query, UTF_8), token)
                .path("total").asLong();
    }

    /**
     * Search on the cluster follows the database within a few seconds; asks until it shows {@code expected}. After a
     * node dies, its share of the bus moves to the other node once Kafka notices (a 10 s session), and the feed's lock
     * frees within 30 s: a minute and a half is a delay, not a loss.
     */
    private long awaitTotal(URI node, String query, String token, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long total = totalOrNone(node, query, token);
        while (total != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            total = totalOrNone(node, query, token);
        }
        return total;
    }

    /** The total, or -1 while search answers 503 (a cluster component coming back). */
    private long totalOrNone(URI node, String query, String token) throws Exception {
        HttpResponse<String> r = send("GET", node, "/api/search?type=event&q="
                + java.net.URLEncoder.encode(query, UTF_8), token, null);
        if (r.statusCode() == 503) {
            return -1;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("total").asLong();
    }

    private String token(String name, String role) throws Exception {
        HttpResponse<String> r = send("POST", a, "/api/admin/tokens", admin,
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return "Bearer " + JSON.readTree(r.body()).path("token").asString();
    }

    @Test
    void bothNodesServeTheSameDatabaseAndListEachOther() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode nodes = get(a, "/api/ingest/nodes", admin);
        while (nodes.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            nodes = get(a, "/api/ingest/nodes", admin);
        }
        assertThat(nodes.size()).isEqualTo(2);
        assertThat(get(b, "/api/incidents", admin).size()).isEqualTo(get(a, "/api/incidents", admin).size());
    }

    /** Uploads one file to a node's import API; answers the job's id. */
    private String upload(URI node, String filename, String content, String incident) throws Exception {
        String boundary = "hindsight" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary
                + (incident == null
                        ? ""
                        : "\r\nContent-Disposition: form-data; name=\"incident\"\r\n\r\n" + incident
                                + "\r\n--" + boundary)
                + "--\r\n";
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(node.resolve("/api/imports"))
                .header("Authorization", admin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        return JSON.readTree(upload.body()).path("id").asString();
    }

    /** The import job's status once it has finished (or after two minutes). */
    private JsonNode awaitImport(URI node, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode status = get(node, "/api/imports/" + job, admin);
        while (List.of("QUEUED", "RUNNING").contains(status.path("status").asString())
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = get(node, "/api/imports/" + job, admin);
        }
        return status;
    }

    @Test
    void importedOnOneNodeTheEventsAreSearchedTimelinedAndExportedOnTheOther() throws Exception {
        String key = "LC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        Instant t0 = Instant.parse("2026-04-01T10:00:00Z");
        HttpResponse<String> declared = send("POST", a, "/api/incidents", admin, "{\"key\":\"" + key
                + "\",\"title\":\"Cluster checkout outage\",\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(3600)
                + "\",\"severity\":\"SEV2\"}");
        assertThat(declared.statusCode()).as(declared.body()).isBetween(200, 201);
        StringBuilder jsonl = new StringBuilder();
        jsonl.append("{\"at\":\"").append(t0.plusSeconds(60)).append("\",\"kind\":\"alert_firing\",")
                .append("\"title\":\"checkout capybara errors above 5%\",\"service\":\"checkout\"}\n");
        jsonl.append("{\"at\":\"").append(t0.plusSeconds(600)).append("\",\"kind\":\"alert_resolved\",")
                .append("\"title\":\"checkout capybara errors back to normal\",\"service\":\"checkout\"}\n");
        JsonNode status = awaitImport(a, upload(a, "capybara.jsonl", jsonl.toString(), key));
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("accepted").asLong()).isEqualTo(2);

        assertThat(awaitTotal(b, "capybara", admin, 2)).isEqualTo(2);
        JsonNode timeline = get(b, "/api/incidents/" + key + "/timeline", admin);
        assertThat(timeline.toString()).contains("checkout capybara errors above 5%");
        HttpResponse<String> export = send("GET", a, "/api/incidents/" + key + "/export?format=md", admin, null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("Cluster checkout outage");
    }

    @Test
    void aRestrictedIncidentsEventsAreHiddenFromOutsidersOnEveryNode() throws Exception {
        String key = "LCH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        Instant t0 = Instant.parse("2026-04-02T10:00:00Z");
        assertThat(send("POST", a, "/api/incidents", admin,
                "{\"key\":\"" + key + "\",\"title\":\"Key leak\",\"from\":\""
                        + t0 + "\",\"to\":\"" + t0.plusSeconds(3600) + "\",\"restricted\":true,\"members\":[]}")
                .statusCode()).isBetween(200, 201);
        assertThat(send("POST", b, "/api/incidents/" + key + "/events", admin, "{\"at\":\"" + t0.plusSeconds(60)
                + "\",\"title\":\"okapi signing key found in a public gist\"}").statusCode()).isBetween(200, 201);
        String outsider = token("lc-outsider", "RESPONDER");
        assertThat(awaitTotal(a, "okapi", admin, 1)).isEqualTo(1);
        assertThat(awaitTotal(b, "okapi", admin, 1)).isEqualTo(1);
        assertThat(total(a, "okapi", outsider)).isZero();
        assertThat(total(b, "okapi", outsider)).isZero();
        assertThat(send("GET", b, "/api/incidents/" + key, outsider, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(Integer.MAX_VALUE - 2) // late: it takes OpenSearch away
    void withOpenSearchAwaySearchSays503OnEveryNodeWebhooksAreStoredAndAllIsFoundAfter() throws Exception {
        String sender = token("lc-os-sender", "RESPONDER");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-04-05T10:00:00Z");
        Process stop = script("opensearch", "stop", "--dir", dir.toString());
        assertThat(stop.waitFor(2, TimeUnit.MINUTES)).isTrue();
        try {
            for (URI node : List.of(a, b)) {
                HttpResponse<String> search = send("GET", node, "/api/search?type=event&q=emu", admin, null);
                assertThat(search.statusCode()).as(search.body()).isEqualTo(503);
                assertThat(search.headers().firstValue("Retry-After")).isPresent();
                assertThat(search.body()).contains("search is unavailable");
            }
            for (int i = 0; i < 20; i++) { // ingest goes on
                String body = "{\"at\":\"" + t0.plusSeconds(i) + "\",\"title\":\"emu " + run + " delivery " + i
                        + "\"}";
                assertThat(deliver(i % 2 == 0 ? a : b, body, sender)).as("delivery %d", i).isTrue();
            }
        } finally {
            Process start = script("opensearch", "start", "--dir", dir.toString());
            assertThat(start.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(awaitTotal(b, "emu AND " + run, admin, 20)).isEqualTo(20);
        assertThat(awaitTotal(a, "emu AND " + run, admin, 20)).isEqualTo(20);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // late: it restarts the broker
    void webhooksLoseAndDuplicateNothingWhenTheKafkaBrokerRestartsUnderThem() throws Exception {
        assertThat(cluster.path("kafka").path("bootstrap").asString()).isNotEmpty();
        String sender = token("lc-bus-sender", "RESPONDER");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-04-04T10:00:00Z");
        int deliveries = 40;
        long broker = cluster.path("kafka").path("pid").asLong();
        int acknowledged = 0;
        for (int i = 0; i < deliveries; i++) {
            String body = "{\"at\":\"" + t0.plusSeconds(i) + "\",\"title\":\"quokka " + run + " delivery " + i
                    + "\"}";
            if (i == deliveries / 2) {
                ProcessHandle.of(broker).ifPresent(ProcessHandle::destroy); // a broker stopped under ingest
                ProcessHandle.of(broker).ifPresent(p -> p.onExit().join());
                HttpResponse<String> refused = send("POST", a, "/hooks/generic", sender, body);
                assertThat(refused.statusCode()).as("a delivery while the bus is away").isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                broker = restartBroker();
            }
            URI node = i % 2 == 0 ? a : b;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!deliver(node, body, sender) && System.nanoTime() < deadline) { // the sender retries
                Thread.sleep(500);
            }
            acknowledged++;
        }
        assertThat(acknowledged).isEqualTo(deliveries);
        assertThat(awaitTotal(b, "quokka AND " + run, admin, deliveries)).isEqualTo(deliveries);
    }

    /** Starts the broker again on its own configuration and data, as an operator's restart would. */
    private long restartBroker() throws IOException {
        Path kafka = dir.resolve("kafka");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx512m", "-cp",
                Files.readString(kafka.resolve("classpath.txt")).trim(), "kafka.Kafka",
                kafka.resolve("server.properties").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("kafka.log").toFile()));
        long pid = builder.start().pid();
        Files.writeString(kafka.resolve("kafka.pid"), Long.toString(pid)); // so that down stops this one
        return pid;
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it kills a node
    void webhooksAndAnUploadLoseAndDuplicateNothingWhenANodeIsKilledMidStream() throws Exception {
        String sender = token("lc-sender", "RESPONDER");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-04-03T10:00:00Z");
        int deliveries = 200;
        long killed = cluster.path("nodes").get(0).path("pid").asLong();
        StringBuilder file = new StringBuilder();
        int lines = 20_000;
        for (int i = 0; i < lines; i++) {
            file.append("{\"at\":\"").append(t0.plusMillis(i)).append("\",\"title\":\"numbat ").append(run)
                    .append(" line ").append(i).append("\"}\n");
        }
        int acknowledged = 0;
        for (int i = 0; i < deliveries; i++) {
            if (i == deliveries / 3) {
                // an upload under way on the node too: killed once part of it is in
                String job = upload(a, "numbat.jsonl", file.toString(), null);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (get(a, "/api/imports/" + job, admin).path("progress").path("committed").asLong() == 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly); // kill -9
                // the user uploads the file again, to the node that is left
                JsonNode again = awaitImport(b, upload(b, "numbat.jsonl", file.toString(), null));
                assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("DONE");
            }
            String body = "{\"at\":\"" + t0.plusSeconds(i) + "\",\"title\":\"wallaby " + run + " delivery " + i
                    + "\"}";
            URI first = i % 2 == 0 ? a : b;
            if (deliver(first, body, sender) || deliver(b, body, sender)) { // the sender retries on the other node
                acknowledged++;
            }
        }
        assertThat(acknowledged).isEqualTo(deliveries);
        assertThat(awaitTotal(b, "wallaby AND " + run, admin, deliveries)).isEqualTo(deliveries);
        assertThat(awaitTotal(b, "numbat AND " + run, admin, lines)).as("every line once").isEqualTo(lines);
    }

    private boolean deliver(URI node, String body, String token) {
        try {
            HttpResponse<String> r = send("POST", node, "/hooks/generic", token, body);
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
