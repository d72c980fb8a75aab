package dev.hindsight.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of an import in progress loses nothing it reported as committed, and after restart the database and the
 * index agree. The import runs in a forked JVM so that the kill is real.
 */
class CrashRecoveryTests {

    private static final Pattern COMMITTED = Pattern.compile("import: ([\\d,]+) committed");
    private static final int EVENTS = 80_000;
    private static final int TRIALS = 3;

    @TempDir
    Path dir;

    @Test
    void killDashNineDuringImportLosesNoCommittedEventAndIndexCatchesUp() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashRecoveryTests seed=" + seed);
        Random random = new Random(seed);
        Path feed = writeFeed(dir.resolve("feed.jsonl"));

        for (int trial = 0; trial < TRIALS; trial++) {
            Path data = dir.resolve("data-" + trial);
            long committedBeforeKill = importAndKill(feed, data, random.nextInt(1500));

            // restart: check catches the index up from the database, then compares the two
            CliRunner.Result check = CliRunner.run("check", "--data", data.toString());
            JsonNode report = JsonMapper.builder().build().readTree(check.out());
            assertThat(check.exit()).as("trial %d (seed %d): %s", trial, seed, check.out()).isZero();
            assertThat(report.get("databaseEvents").asLong()).isGreaterThanOrEqualTo(committedBeforeKill);

            // every record the killed import reported as committed is already stored: re-import sees it as a duplicate
            CliRunner.Result again = CliRunner.run("import", "--data", data.toString(), feed.toString());
            JsonNode counts = JsonMapper.builder().build().readTree(again.out());
            assertThat(counts.get("accepted").asLong() + counts.get("duplicates").asLong()).isEqualTo(EVENTS);
            assertThat(counts.get("duplicates").asLong()).isEqualTo(report.get("databaseEvents").asLong())
                    .isGreaterThanOrEqualTo(committedBeforeKill);
            assertThat(CliRunner.run("check", "--data", data.toString()).exit()).isZero();
        }
    }

    /** Starts the import in its own JVM, waits for its first durable commit, then kills it at a random moment. */
    private long importAndKill(Path feed, Path data, int extraMillis) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("hindsight.test.java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp", System.getProperty("java.class.path"),
                "dev.hindsight.web.HindsightCli",
                "import", "--data", data.toString(), "--batch-size", "500", feed.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong committed = new AtomicLong(-1);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = COMMITTED.matcher(line);
                    if (m.find()) {
                        committed.set(Long.parseLong(m.group(1).replace(",", "")));
                    }
                }
            } catch (Exception e) {
                // the stream ends with the process
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (committed.get() <= 0 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(committed.get()).as("the import reported a commit before the kill").isPositive();
        Thread.sleep(extraMillis);
        long reported = committed.get();
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
        return reported;
    }

    private static Path writeFeed(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EVENTS; i++) {
                out.write("{\"at\":\"2014-08-12T"
                        + String.format(Locale.ROOT, "%02d:%02d:%02d", (i / 3600) % 24, (i / 60) % 60, i % 60)
                        + "Z\",\"id\":\"e" + i + "\",\"title\":\"event " + i + " on host web" + (i % 50)
                        + "\",\"host\":\"web" + (i % 50) + "\",\"kind\":\"LOG_LINE\"}\n");
            }
        }
        return file;
    }
}
