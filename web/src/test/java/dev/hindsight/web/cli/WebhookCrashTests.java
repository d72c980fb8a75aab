package dev.hindsight.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.fault.FaultPoints;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server is stopped dead (a JVM halt, like kill -9) at a named fault point while a sender delivers webhooks and
 * retries what was not acknowledged, as PagerDuty and Alertmanager do. After a restart the sender finishes; then every
 * acknowledged record is stored exactly once and the index agrees with the database.
 */
class WebhookCrashTests {

    static final int TRIALS = 20;
    static final int DELIVERIES = 12;
    static final int RECORDS = 25;
    static final List<String> POINTS = List.of(FaultPoints.STORE_BEFORE_COMMIT, FaultPoints.STORE_AFTER_COMMIT,
            FaultPoints.HOOK_BEFORE_REPLY, FaultPoints.INDEX_COMMIT);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCrashAtAnyFaultPointLosesAndDuplicatesNothingAcknowledged() throws Exception {
        long seed = System.nanoTime();
        System.out.println("WebhookCrashTests seed=" + seed);
        Random random = new Random(seed);
        int crashes = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Path data = dir.resolve("data-" + trial);
            String point = POINTS.get(trial % POINTS.size());
            // the index commits every 5 s, so its fault point is reached early; the others on a random delivery
            String spec = point + "@" + (point.equals(FaultPoints.INDEX_COMMIT) ? 1 : 1 + random.nextInt(DELIVERIES - 2));
            String token = json.readTree(CliRunner.run("token", "create", "sender", "--role", "RESPONDER", "--data", data.toString()).out())
                    .get("token").asString();
            int port = freePort();
            Process server = start(data, port, spec);
            boolean crashed = false;
            if (server == null) { // struck while starting (the index's first commit): start again, without the fault
                crashed = true;
                server = start(data, port, "");
            }
            Set<String> acknowledged = new HashSet<>();
            for (int d = 0; d < DELIVERIES; d++) {
                String body = delivery(trial, d);
                while (true) { // a sender retries until it gets a 2xx
                    Integer status = post(port, token, body);
                    if (status != null && status == 200) {
                        for (int r = 0; r < RECORDS; r++) {
                            acknowledged.add("t" + trial + "-d" + d + "-r" + r);
                        }
                        break;
                    }
                    if (!server.isAlive()) { // the fault point struck: bring the server back, without the fault
                        crashed = true;
                        server = start(data, port, "");
                    } else {
                        Thread.sleep(200);
                    }
                    if (point.equals(FaultPoints.INDEX_COMMIT) && !crashed) {
                        Thread.sleep(300); // give the 5 s index commit its chance to strike
                    }
                }
            }
            if (point.equals(FaultPoints.INDEX_COMMIT) && !crashed) {
                server.waitFor(12, TimeUnit.SECONDS); // the periodic commit strikes within its interval
                crashed = !server.isAlive();
            }
            server.destroyForcibly(); // the end of the trial is a kill -9 too
            server.waitFor(30, TimeUnit.SECONDS);
            crashes += crashed ? 1 : 0;

            CliRunner.Result check = CliRunner.run("check", "--data", data.toString());
            JsonNode report = json.readTree(check.out());
            assertThat(check.exit()).as("trial %d at %s (seed %d): %s", trial, spec, seed, check.out()).isZero();
            assertThat(report.get("databaseEvents").asLong()).as("trial %d at %s: every acknowledged record once", trial, spec)
                    .isEqualTo(acknowledged.size());
            JsonNode all = json.readTree(CliRunner.run("search", "*", "--limit", "1", "--data", data.toString()).out());
            assertThat(all.get("total").asLong()).as("trial %d: searchable once each", trial).isEqualTo(acknowledged.size());
        }
        System.out.printf("WebhookCrashTests: %d trials, %d crashed at their fault point, %d records each, 0 lost, 0 duplicated%n",
                TRIALS, crashes, DELIVERIES * RECORDS);
        assertThat(crashes).as("the fault points were reached").isGreaterThanOrEqualTo(TRIALS * 3 / 4);
    }

    private String delivery(int trial, int d) {
        List<String> records = new ArrayList<>();
        for (int r = 0; r < RECORDS; r++) {
            records.add("{\"at\":\"2024-03-0" + (1 + d % 9) + "T10:" + String.format("%02d", r) + ":00Z\",\"id\":\"t" + trial + "-d" + d + "-r" + r
                    + "\",\"title\":\"delivery " + d + " record " + r + "\",\"host\":\"web" + r + "\"}");
        }
        return "[" + String.join(",", records) + "]";
    }

    private Integer post(int port, String token, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/generic"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return null; // refused or cut off: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server, listening; null when a fault point stopped it while it started. */
    private Process start(Path data, int port, String crashSpec) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("hindsight.test.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dserver.address=127.0.0.1", "-Dlogging.level.root=WARN"));
        if (!crashSpec.isEmpty()) {
            command.add("-Dhindsight.crash=" + crashSpec);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.hindsight.HindsightApplication",
                "serve", "--port", Integer.toString(port), "--data", data.toString(), "--no-samples"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Path.of("target", "crash-" + data.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        if (!process.isAlive() && !crashSpec.isEmpty() && process.exitValue() == 137) {
            return null;
        }
        throw new IllegalStateException("the server did not start (alive: " + process.isAlive() + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
