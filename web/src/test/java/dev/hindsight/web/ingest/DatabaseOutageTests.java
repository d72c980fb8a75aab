package dev.hindsight.web.ingest;

import dev.hindsight.core.incident.Viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.query.LuceneEventSearch;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real PostgreSQL server is stopped while webhooks arrive and started again. While it is away every delivery gets a
 * 503 with Retry-After within 3 s (never a 2xx, never a 401 that would make PagerDuty drop it); once it is back the
 * same server takes the retried deliveries by itself, and every delivery is stored and searchable exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTests {

    static final int BEFORE = 5;
    static final int DURING = 5;
    static final int AFTER = 5;

    static Path pgData;
    static int pgPort;
    static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LuceneIndex index;

    @Autowired
    LuceneEventSearch search;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        pgData = Files.createTempDirectory("hindsight-pg-outage-");
        pgPort = TestPorts.free();
        postgres = startPostgres();
        Path data = Files.createTempDirectory("hindsight-outage-");
        registry.add("hindsight.data", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + pgPort + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(pgPort).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whileTheDatabaseIsAwayWebhooksGet503AndTheRetriesLandOnceItIsBack() throws Exception {
        String token = accounts.createToken("alerts", Role.RESPONDER);
        List<String> acknowledged = new ArrayList<>();
        for (int d = 0; d < BEFORE; d++) {
            assertThat(deliver(token, d).statusCode()).isEqualTo(200);
            acknowledged.add("outage delivery " + d);
        }

        postgres.close();
        List<Integer> refused = new ArrayList<>();
        for (int d = BEFORE; d < BEFORE + DURING; d++) {
            long started = System.nanoTime();
            HttpResponse<String> response = deliver(token, d);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).as("delivery %d while the database is away: %s", d, response.body())
                    .isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as("tells the sender when to retry").isPresent();
            assertThat(response.body()).as("no driver detail leaks").doesNotContain("localhost:" + pgPort)
                    .contains("retry later");
            assertThat(millis).as("answered well inside PagerDuty's 5 s timeout").isLessThan(3_000);
            refused.add(d);
        }

        postgres = startPostgres();
        for (int d : refused) { // the sender retries what was refused, like PagerDuty and Alertmanager do
            assertThat(retryUntilAccepted(token, d)).as("delivery %d after the database returned", d).isEqualTo(200);
            acknowledged.add("outage delivery " + d);
        }
        for (int d = BEFORE + DURING; d < BEFORE + DURING + AFTER; d++) {
            assertThat(deliver(token, d).statusCode()).isEqualTo(200);
            acknowledged.add("outage delivery " + d);
        }

        List<String> stored = jdbc.queryForList("select title from event", String.class);
        assertThat(stored).as("every delivery stored exactly once").containsExactlyInAnyOrderElementsOf(acknowledged);
        index.refresh();
        var hits = search.search(SearchQuery.text("outage", 100), Viewer.LOCAL_ADMIN);
        assertThat(hits.total()).as("and searchable").isEqualTo(acknowledged.size());
    }

    private int retryUntilAccepted(String token, int d) throws Exception {
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
            status = deliver(token, d).statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        return status;
    }

    private HttpResponse<String> deliver(String token, int d) throws IOException, InterruptedException {
        String body = "[{\"at\":\"2024-03-01T10:" + String.format(Locale.ROOT, "%02d", d) + ":00Z\",\"id\":\"outage-"
                + d
                + "\",\"title\":\"outage delivery " + d + "\",\"host\":\"db1\"}]";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/generic"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
