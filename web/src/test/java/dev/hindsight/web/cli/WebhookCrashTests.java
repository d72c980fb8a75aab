package dev.hindsight.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.fault.FaultPoints;
import dev.hindsight.web.support.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server is stopped dead (a JVM halt, like kill -9) at a named fault point while a sender delivers webhooks and
 * retries what was not acknowledged, as PagerDuty and Alertmanager do, and a user uploads a Slack export at the same
 * time (uploading it again when the server went away before the import finished). After a restart both finish; then
 * every acknowledged record and every message of the export is stored exactly once and the index agrees.
 */
class WebhookCrashTests {

    /** Four per fault point: each trial starts the server once or twice, about 36 s on a slow 2-core machine. */
    static final int TRIALS = 16;
    static final int DELIVERIES = 12;
    static final int RECORDS = 25;
    static final int SLACK_DAYS = 4;
    static final int SLACK_MESSAGES_PER_DAY = 40;
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
        int reuploads = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Path data = dir.resolve("data-" + trial);
            String point = POINTS.get(trial % POINTS.size());
            // the index commits every 5 s, so its fault point is reached early; the others on a random delivery
            String spec = point + "@"
                    + (point.equals(FaultPoints.INDEX_COMMIT) ? 1 : 1 + random.nextInt(DELIVERIES - 2));
            String token = json
                    .readTree(CliRunner
                            .run("token", "create", "sender", "--role", "RESPONDER", "--data", data.toString()).out())
                    .get("token").asString();
            int port = TestPorts.free();
            Process server = start(data, port, spec);
            boolean crashed = false;
            if (server == null) { // struck while starting (the index's first commit): start again, without the fault
                crashed = true;
                server = start(data, port, "");
            }
            Set<String> acknowledged = new HashSet<>();
            Path export = slackExport(trial);
            SlackUpload upload = new SlackUpload(port, token, export);
            Thread uploader = Thread.ofPlatform().name("slack-upload-" + trial).start(upload);
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
            while (uploader.isAlive()) { // the import finishes on this server, or on the next one after a crash
                uploader.join(200);
                if (!server.isAlive()) {
                    crashed = true;
                    server = start(data, port, "");
                }
            }
            assertThat(upload.error).as("trial %d: the Slack upload", trial).isNull();
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
            long expected = acknowledged.size() + (long) SLACK_DAYS * SLACK_MESSAGES_PER_DAY;
            assertThat(report.get("databaseEvents").asLong())
                    .as("trial %d at %s: every acknowledged record and Slack message once (%d uploads)", trial, spec,
                            upload.uploads)
                    .isEqualTo(expected);
            JsonNode all = json.readTree(CliRunner.run("search", "*", "--limit", "1", "--data", data.toString()).out());
            assertThat(all.get("total").asLong()).as("trial %d: searchable once each", trial).isEqualTo(expected);
            JsonNode slack = json
                    .readTree(CliRunner.run("search", "source:slack", "--limit", "1", "--data", data.toString()).out());
            assertThat(slack.get("total").asLong()).as("trial %d: the export's messages", trial)
                    .isEqualTo((long) SLACK_DAYS * SLACK_MESSAGES_PER_DAY);
            reuploads += upload.uploads - 1;
        }
        System.out.printf(Locale.ROOT,
                "WebhookCrashTests: %d trials, %d crashed at their fault point, %d webhook records and %d Slack messages each "
                        + "(%d Slack uploads repeated after a crash), 0 lost, 0 duplicated%n",
                TRIALS, crashes, DELIVERIES * RECORDS, SLACK_DAYS * SLACK_MESSAGES_PER_DAY, reuploads);
        assertThat(crashes).as("the fault points were reached").isGreaterThanOrEqualTo(TRIALS * 3 / 4);
    }

    /** A Slack export (users, channels, a day file per day) whose messages are unique to the trial. */
    private Path slackExport(int trial) throws IOException {
        Path zip = dir.resolve("slack-" + trial + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "users.json", "[{\"id\":\"U01\",\"name\":\"oncall\",\"real_name\":\"On Call\"}]");
            entry(out, "channels.json", "[{\"id\":\"C01\",\"name\":\"incident\",\"created\":1709251200}]");
            long base = 1709283600L + trial * 86_400L * SLACK_DAYS; // 2024-03-01T09:00Z, new days for each trial
            for (int day = 0; day < SLACK_DAYS; day++) {
                List<String> messages = new ArrayList<>();
                long start = base + day * 86_400L;
                for (int m = 0; m < SLACK_MESSAGES_PER_DAY; m++) {
                    messages.add("{\"type\":\"message\",\"user\":\"U01\",\"text\":\"trial " + trial + " day " + day
                            + " message " + m
                            + "\",\"ts\":\"" + (start + m * 30) + ".000" + String.format(Locale.ROOT, "%03d", m)
                            + "\"}");
                }
                entry(out, "incident/" + java.time.LocalDate.ofEpochDay(start / 86_400) + ".json",
                        "[" + String.join(",", messages) + "]");
            }
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Uploads the export and follows the import job; starts again when the server went away before it was DONE. */
    private final class SlackUpload implements Runnable {
        final int port;
        final String token;
        final Path export;
        volatile int uploads;
        volatile @Nullable String error;

        SlackUpload(int port, String token, Path export) {
            this.port = port;
            this.token = token;
            this.export = export;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            try {
                while (System.nanoTime() < deadline) {
                    String job = upload();
                    if (job != null && finished(job)) {
                        return;
                    }
                    Thread.sleep(300); // the server is away or restarting: upload the whole export again
                }
                error = "the import did not finish within 3 minutes";
            } catch (Exception e) {
                error = e.toString();
            }
        }

        private @Nullable String upload() throws IOException, InterruptedException {
            String boundary = "hindsight-" + System.nanoTime();
            byte[] head = ("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slack-export.zip\"\r\n"
                    + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(export), tail)))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                uploads++;
                return response.statusCode() == 202 ? json.readTree(response.body()).get("id").asString() : null;
            } catch (IOException e) {
                return null; // not listening: the main loop brings the server back
            }
        }

        private boolean finished(String job) throws InterruptedException {
            while (true) {
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/imports/" + job))
                                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        return false; // a restarted server does not know the job: the import was cut off
                    }
                    JsonNode status = json.readTree(response.body());
                    switch (status.get("status").asString()) {
                        case "DONE" -> {
                            return true;
                        }
                        case "FAILED" -> {
                            return false;
                        }
                        default -> Thread.sleep(100);
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
    }

    private String delivery(int trial, int d) {
        List<String> records = new ArrayList<>();
        for (int r = 0; r < RECORDS; r++) {
            records.add("{\"at\":\"2024-03-0" + (1 + d % 9) + "T10:" + String.format(Locale.ROOT, "%02d", r)
                    + ":00Z\",\"id\":\"t"
                    + trial + "-d" + d + "-r" + r
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
                System.getProperty("hindsight.test.java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dserver.address=127.0.0.1", "-Dlogging.level.root=WARN"));
        if (!crashSpec.isEmpty()) {
            command.add("-Dhindsight.crash=" + crashSpec);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.hindsight.web.HindsightCli",
                "serve", "--port", Integer.toString(port), "--data", data.toString(), "--no-samples"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "crash-" + data.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> health = http
                        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
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

}
