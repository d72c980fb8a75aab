package dev.hindsight.web.ingest;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) delivers its notifications to our webhook with a
 * bearer token: firing, then resolved. Runs with -Pinterop; fails when the binary is missing.
 */
@Tag("interop")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class AlertmanagerInteropTests {

    static final String BINARY = System.getProperty("alertmanager.binary", "/usr/bin/prometheus-alertmanager");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    Process alertmanager;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-am-");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void alertmanagerDeliversFiringAndResolvedNotifications() throws Exception {
        String token = accounts.createToken("alertmanager-interop", Role.RESPONDER);
        int amPort = TestPorts.free();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, String.format(Locale.ROOT, """
                route:
                  receiver: hindsight
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hindsight
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hooks/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """, port, token));
        alertmanager = new ProcessBuilder(
                List.of(BINARY, "--config.file=" + config, "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address="))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        HttpClient http = HttpClient.newHttpClient();
        URI alerts = URI.create("http://127.0.0.1:" + amPort + "/api/v2/alerts");
        Instant start = Instant.now().minusSeconds(60);
        String alert = """
                [{"labels":{"alertname":"PacketLoss","instance":"edge1.dc-east","severity":"critical"},
                  "annotations":{"summary":"Packet loss between dc-east and upstream"},
                  "startsAt":"%s","endsAt":"%s","generatorURL":"http://prometheus.example:9090/graph"}]
                """;
        post(http, alerts, String.format(Locale.ROOT, alert, start, Instant.now().plusSeconds(3600)));
        awaitRows("select count(*) from event where source = 'alertmanager' and kind = 'ALERT_FIRING'", 1);

        post(http, alerts, String.format(Locale.ROOT, alert, start, Instant.now().minusSeconds(1)));
        awaitRows("select count(*) from event where source = 'alertmanager' and kind = 'ALERT_RESOLVED'", 1);

        assertThat(jdbc.queryForObject("select host from event where source = 'alertmanager' and kind = 'ALERT_FIRING'",
                String.class))
                .isEqualTo("edge1.dc-east");
    }

    private void post(HttpClient http, URI uri, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return;
            } catch (IOException notUpYet) {
                if (System.nanoTime() > deadline || !alertmanager.isAlive()) {
                    throw new AssertionError(
                            "Alertmanager did not start: " + Files.readString(dir.resolve("alertmanager.log")),
                            notUpYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitRows(String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Long n = jdbc.queryForObject(sql, Long.class);
            if (n != null && n >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "no delivery arrived for: " + sql + "\n" + Files.readString(dir.resolve("alertmanager.log")));
    }

}
