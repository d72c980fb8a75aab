package dev.hindsight.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hindsight.HindsightApplication;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two serving nodes on one real PostgreSQL server (embedded binaries), each with its own data directory and index:
 * what one node stores is searchable on the other without a restart; both writing at once never give two events
 * the same sequence, and sequence order stays commit order, so neither index misses a row; each node sees both in the
 * list of nodes; a session signed in on one node is good on the other; a once-per-cluster job (a pull source, the reminders) runs on one node at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTests {

    static final Instant T0 = Instant.parse("2026-03-03T03:00:00Z");

    EmbeddedPostgres postgres;
    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setPort(TestPorts.free()).start();
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        a = node(url, Files.createTempDirectory("hindsight-node-a-"));
        b = node(url, Files.createTempDirectory("hindsight-node-b-"));
    }

    private static ConfigurableApplicationContext node(String url, Path data) {
        return new SpringApplicationBuilder(HindsightApplication.class)
                .run("--hindsight.data=" + data, "--spring.datasource.url=" + url,
                        "--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--hindsight.mode=serve", "--hindsight.web.samples=false",
                        "--logging.level.root=WARN");
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whatOneNodeStoresTheOtherFindsWithoutARestart() throws Exception {
        a.getBean(EventSink.class).append(EventBatch.of(events("stored on node a", 0, 50)));
        SearchResult onB = awaitTotal(b, "\"stored on node a\"", 50);
        assertThat(onB.total()).isEqualTo(50);
    }

    @Test
    void bothNodesWritingAtOnceNumberTheirRowsInCommitOrderAndBothIndexesHoldEveryRow() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            ConfigurableApplicationContext node = w % 2 == 0 ? a : b;
            int writer = w;
            done.add(writers.submit(() -> {
                for (int batch = 0; batch < 15; batch++) {
                    node.getBean(EventSink.class).append(EventBatch.of(
                            events("concurrent write", 1000 * (writer + 1) + batch * 10, 10)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from event where title = 'concurrent write'", Long.class))
                .isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(distinct seq) = count(*) from event", Boolean.class)).isTrue();
        assertThat(awaitTotal(a, "\"concurrent write\"", 600).total()).isEqualTo(600);
        assertThat(awaitTotal(b, "\"concurrent write\"", 600).total()).isEqualTo(600);
        // and the committed indexes agree with the database row for row
        assertThat(a.getBean(StoreMaintenance.class).check().consistent()).isTrue();
        assertThat(b.getBean(StoreMaintenance.class).check().consistent()).isTrue();
    }

    @Test
    void eachNodeListsBothWithHowFarItsSearchIsBehind() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<StoreMaintenance.NodeStatus> nodes = a.getBean(StoreMaintenance.class).nodes();
        while (nodes.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            nodes = a.getBean(StoreMaintenance.class).nodes();
        }
        assertThat(nodes).hasSize(2);
        assertThat(nodes).filteredOn(StoreMaintenance.NodeStatus::self).hasSize(1);
        assertThat(b.getBean(StoreMaintenance.class).nodes()).extracting(StoreMaintenance.NodeStatus::id)
                .containsExactlyInAnyOrderElementsOf(nodes.stream().map(StoreMaintenance.NodeStatus::id).toList());
    }

    @Test
    void aJobRunsOnOneNodeAtATimeAndAHeldSlotKeepsTheOtherNodesScheduleOff() throws Exception {
        ClusterJobs onA = a.getBean(ClusterJobs.class);
        ClusterJobs onB = b.getBean(ClusterJobs.class);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Boolean> first = runner.submit(() -> onA.runExclusively("pull:test", Duration.ZERO,
                Duration.ofMinutes(1), () -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        inside.await();
        AtomicInteger ranOnB = new AtomicInteger();
        assertThat(onB.runExclusively("pull:test", Duration.ZERO, Duration.ofMinutes(1), ranOnB::incrementAndGet))
                .isFalse();
        release.countDown();
        assertThat(first.get()).isTrue();
        assertThat(onB.runExclusively("pull:test", Duration.ZERO, Duration.ofMinutes(1), ranOnB::incrementAndGet))
                .isTrue();
        assertThat(ranOnB).hasValue(1);
        runner.shutdown();

        // the schedule's slot: taken by one node, it stays taken after the run, so the other node's timer skips it
        assertThat(onA.runExclusively("pull-slot:test", Duration.ofMinutes(1), Duration.ofMinutes(2), () -> {}))
                .isTrue();
        assertThat(onB.runExclusively("pull-slot:test", Duration.ofMinutes(1), Duration.ofMinutes(2),
                ranOnB::incrementAndGet)).isFalse();
        assertThat(ranOnB).hasValue(1);
    }

    @Test
    void aUserSignedInOnOneNodeIsSignedInOnTheOther() throws Exception {
        a.getBean(Accounts.class).addUser("nodeuser", Role.VIEWER, "a long enough password");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base(a).resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        String form = "username=nodeuser&password=" + URLEncoder.encode("a long enough password", UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), UTF_8);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base(a).resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", sessionCookie(page))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        HttpResponse<String> onB = http.send(HttpRequest.newBuilder(base(b).resolve("/api/me"))
                .header("Cookie", sessionCookie(signedIn)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("\"nodeuser\"");
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(base(b).resolve("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(401);
    }

    private static URI base(ConfigurableApplicationContext node) {
        return URI.create("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port"));
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    /** The node's search, asked until it shows the expected total (it follows the database within a second). */
    private static SearchResult awaitTotal(ConfigurableApplicationContext node, String text, long expected)
            throws InterruptedException {
        var search = node.getBean(dev.hindsight.core.store.EventSearch.class);
        SearchQuery query = new SearchQuery(text, null, null, Map.of(), 1, 0, SearchQuery.Sort.DEFAULT);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        SearchResult result = search.search(query, Viewer.LOCAL_ADMIN);
        while (result.total() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            result = search.search(query, Viewer.LOCAL_ADMIN);
        }
        return result;
    }

    private static List<Event> events(String title, int from, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(Event.builder("jsonl", EventKind.NOTE, T0.plusSeconds(i), title).host("node-test")
                    .dedupKey(title + "#" + i).build());
        }
        return events;
    }
}
