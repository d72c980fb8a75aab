package dev.hindsight.search.opensearch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenSearch server for tests: the integ-test distribution Maven unpacked into {@code target/}, started as a
 * process on loopback with this JVM's JDK (21+), a small heap and its own data directory. OpenSearch refuses to run as
 * root, so under root (CI) it runs as a system user created for it. One server per test JVM; it can be stopped and
 * started again on the same ports and data, as an outage would.
 */
public final class OpenSearchServer {

    /** The system user the server runs as when the tests run as root. */
    static final String USER = "hindsight-run";

    private static OpenSearchServer shared;

    private final Path home;
    private final Path data;
    private final Path logs;
    private final int httpPort;
    private final int transportPort;
    private Process process;

    private OpenSearchServer(Path home, Path data, Path logs, int httpPort, int transportPort) {
        this.home = home;
        this.data = data;
        this.logs = logs;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized OpenSearchServer shared() throws Exception {
        if (shared == null) {
            String home = System.getProperty("opensearch.home");
            if (home == null || !Files.isDirectory(Path.of(home))) {
                throw new IllegalStateException("opensearch.home is not an unpacked OpenSearch distribution: " + home
                        + " (Maven unpacks it in generate-test-resources)");
            }
            Path work = Files.createTempDirectory(Path.of(home).getParent(), "run-");
            shared = new OpenSearchServer(Path.of(home), work.resolve("data"), work.resolve("logs"), freePort(),
                    freePort());
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /**
     * Points an application under test at the shared server: event search on OpenSearch, under an alias of its own
     * (test classes share the server, never an index), with a short request timeout for the outage tests.
     */
    public static void register(DynamicPropertyRegistry registry, String aliasPrefix) throws Exception {
        String url = shared().url().toString();
        registry.add("hindsight.search.engine", () -> "opensearch");
        registry.add("hindsight.search.opensearch.url", () -> url);
        registry.add("hindsight.search.opensearch.alias", () -> aliasPrefix + Long.toHexString(System.nanoTime()));
        registry.add("hindsight.search.opensearch.request-timeout", () -> "3s");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public synchronized void start() throws Exception {
        Files.createDirectories(data);
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        if (root()) {
            ensureUser();
            run("chown", "-R", USER, home.toString(), data.getParent().toString());
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        // small and gentle in tests; the benchmark gives it more
        String heap = System.getProperty("opensearch.heap", "384m");
        String processors = System.getProperty("opensearch.processors", "1");
        command.addAll(List.of("env", "OPENSEARCH_JAVA_HOME=" + System.getProperty("java.home"),
                "OPENSEARCH_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap + " -XX:ActiveProcessorCount=" + processors,
                home.resolve("bin/opensearch").toString(),
                "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort, "-Epath.data=" + data, "-Epath.logs=" + logs,
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.getParent().resolve("console.log").toFile()).start();
        awaitUp(Duration.ofSeconds(120));
    }

    /** Stops the server and everything it started (the launcher script, the JVM), as a crash of the cluster. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
            // the server JVM is a descendant; wait until the port is free so a restart can bind it
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (up() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + "; see "
                        + logs.getParent().resolve("console.log") + ":\n" + tail());
            }
            if (up()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("OpenSearch did not answer within " + timeout + ":\n" + tail());
    }

    private boolean up() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/_cluster/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tail() throws IOException {
        Path console = logs.getParent().resolve("console.log");
        if (!Files.exists(console)) {
            return "";
        }
        List<String> lines = Files.readAllLines(console);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ensureUser() throws Exception {
        if (new ProcessBuilder("id", "-u", USER).start().waitFor() != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command).toLowerCase(Locale.ROOT) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
