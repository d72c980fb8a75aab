package dev.hindsight.ingest.internal.pull;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.pull.SourceStatus;
import dev.hindsight.ingest.internal.files.FolderPullSettings;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.source.pagerduty.PagerDutyPullSettings;
import dev.hindsight.ingest.source.rfo.ImapPullSettings;
import dev.hindsight.ingest.source.slack.SlackPullSettings;
import dev.hindsight.ingest.source.statuspage.StatuspagePullSettings;
import dev.hindsight.ingest.spi.PullSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pull sources against stubs built from the vendors' published schemas, a real IMAP server, and a real folder. */
class PullSourcesTests {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP);

    static final Instant NOW = Instant.parse("2014-08-13T01:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryEventSink sink = new InMemoryEventSink();

    /** A source as the application makes it: through the kind its settings belong to. */
    private PullSource source(Object settings) {
        return new PullSourceFactory(Fixtures.registry(), clock).create(settings);
    }

    private PullRunner runner(PullSource source) {
        return new PullRunner(List.of(source), sink, sink, clock, ClusterJobs.SINGLE_NODE);
    }

    private static String logEntry(String id, String type, String at) {
        return String.format(Locale.ROOT,
                """
                        {"id":"%s","type":"%s","summary":"%s","created_at":"%s","agent":{"id":"P1","type":"user_reference","summary":"Maria Chen"},
                         "channel":{"type":"website"},"incident":{"id":"PINC1","type":"incident_reference","summary":"[#1] dc-east unreachable"}}
                        """,
                id, type, type, at);
    }

    @Test
    void pagerDutyPagesThroughAWindowThenResumesFromItsEnd() {
        api.stubFor(get(urlPathEqualTo("/log_entries")).withQueryParam("offset", equalTo("0")).willReturn(okJson(
                "{\"log_entries\":[" + logEntry("L1", "trigger_log_entry", "2014-08-12T07:54:05Z") + ","
                        + logEntry("L2", "acknowledge_log_entry", "2014-08-12T07:57:41Z")
                        + "],\"limit\":100,\"offset\":0,\"more\":true}")));
        api.stubFor(get(urlPathEqualTo("/log_entries")).withQueryParam("offset", equalTo("100")).willReturn(okJson(
                "{\"log_entries\":[" + logEntry("L3", "resolve_log_entry", "2014-08-13T00:46:02Z")
                        + "],\"limit\":100,\"offset\":100,\"more\":false}")));
        PullSource source = source(new PagerDutyPullSettings("main", URI.create(api.baseUrl()), "secret-key",
                Duration.ofMinutes(1), Instant.parse("2014-08-12T00:00:00Z")));

        SourceStatus status = runner(source).runOnce("pagerduty:main");

        assertThat(status.lastError()).isNull();
        assertThat(status.accepted()).isEqualTo(3);
        assertThat(sink.events()).extracting(Event::kind)
                .containsExactly(EventKind.PAGE_TRIGGERED, EventKind.PAGE_ACKNOWLEDGED, EventKind.PAGE_RESOLVED);
        assertThat(sink.position("pagerduty:main")).contains(NOW.toString());
        api.verify(getRequestedFor(urlPathEqualTo("/log_entries"))
                .withHeader("Authorization", equalTo("Token token=secret-key"))
                .withHeader("Accept", equalTo("application/vnd.pagerduty+json;version=2"))
                .withQueryParam("since", equalTo("2014-08-12T00:00:00Z"))
                .withQueryParam("until", equalTo(NOW.toString())));

        runner(source).runOnce("pagerduty:main");
        api.verify(getRequestedFor(urlPathEqualTo("/log_entries")).withQueryParam("since", equalTo(NOW.toString())));
    }

    @Test
    void rateLimitsAndServerErrorsBackOffAndKeepTheCheckpoint() {
        api.stubFor(get(urlPathEqualTo("/log_entries"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        PullSource source = source(new PagerDutyPullSettings("main", URI.create(api.baseUrl()), "k",
                Duration.ofMinutes(1), NOW.minusSeconds(3600)));
        PullRunner runner = runner(source);

        SourceStatus limited = runner.runOnce("pagerduty:main");
        assertThat(limited.lastError()).contains("HTTP 429");
        assertThat(limited.nextRunAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(sink.position("pagerduty:main")).isEmpty();

        api.stubFor(get(urlPathEqualTo("/log_entries")).willReturn(aResponse().withStatus(503)));
        SourceStatus failing = runner.runOnce("pagerduty:main");
        assertThat(failing.consecutiveFailures()).isEqualTo(2);
        assertThat(failing.nextRunAt()).isEqualTo(NOW.plus(PullRunner.backoff(2)));
        assertThat(PullRunner.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(PullRunner.backoff(30)).isEqualTo(PullRunner.MAX_BACKOFF);

        api.stubFor(get(urlPathEqualTo("/log_entries")).willReturn(aResponse().withStatus(401)));
        assertThat(runner.runOnce("pagerduty:main").lastError()).contains("HTTP 401").contains("check the credentials");
    }

    @Test
    void slackHistoryFollowsNextCursorThenResumesAfterTheNewestMessage() {
        api.stubFor(
                get(urlPathEqualTo("/conversations.history")).withQueryParam("cursor", equalTo("bmV4dA==")).willReturn(
                        okJson("""
                                {"ok":true,"messages":[{"type":"message","user":"U1","text":"failover started","ts":"1407834000.000100"}],
                                 "has_more":false,"response_metadata":{"next_cursor":""}}""")));
        api.stubFor(get(urlPathEqualTo("/conversations.history")).withQueryParam("oldest", equalTo("0")).atPriority(10)
                .willReturn(
                        okJson("""
                                {"ok":true,"messages":[{"type":"message","user":"U2","text":"error rate back to baseline","ts":"1407862000.000200"},
                                  {"type":"message","subtype":"channel_join","user":"U3","text":"joined","ts":"1407835000.000300"}],
                                 "has_more":true,"response_metadata":{"next_cursor":"bmV4dA=="}}""")));
        api.stubFor(get(urlPathEqualTo("/users.info")).withQueryParam("user", equalTo("U1")).willReturn(
                okJson("""
                        {"ok":true,"user":{"id":"U1","name":"maria","real_name":"Maria Chen","profile":{"display_name":"","real_name":"Maria Chen"}}}""")));
        api.stubFor(get(urlPathEqualTo("/users.info")).withQueryParam("user", equalTo("U2")).willReturn(okJson(
                "{\"ok\":false,\"error\":\"missing_scope\"}")));
        PullSource source = source(new SlackPullSettings("ops", URI.create(api.baseUrl()), "xoxb-test", "C0OPS", "ops",
                Duration.ofMinutes(1)));

        SourceStatus status = runner(source).runOnce("slack:ops");

        assertThat(status.accepted()).isEqualTo(2);
        // names as the export has them; without the scope for one user, the message keeps that user's id
        assertThat(sink.events()).extracting(Event::actor).containsExactlyInAnyOrder("U2", "Maria Chen");
        assertThat(sink.events()).extracting(Event::title).containsExactlyInAnyOrder("error rate back to baseline",
                "failover started");
        assertThat(sink.position("slack:ops")).contains("1407862000.000200");
        api.verify(getRequestedFor(urlPathEqualTo("/conversations.history"))
                .withHeader("Authorization", equalTo("Bearer xoxb-test"))
                .withQueryParam("channel", equalTo("C0OPS")));

        api.stubFor(get(urlPathEqualTo("/conversations.history")).withQueryParam("oldest", equalTo("1407862000.000200"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));
        assertThat(runner(source).runOnce("slack:ops").lastError()).isEqualTo("Slack rate limit");
    }

    @Test
    void anImapMailboxIsReadByUidAndOnlyNewMessagesAreFetchedAgain() {
        mail.setUser("rfo@example.com", "rfo-reader", "s3cret-pass");
        GreenMailUtil.sendTextEmail("rfo@example.com", "noc@dc-provider.example", "Ticket 884213 opened",
                "Event Start: 2014-08-12 08:10 GMT", ServerSetupTest.SMTP);
        GreenMailUtil.sendTextEmail("rfo@example.com", "noc@dc-provider.example", "Ticket 884213 resolved",
                "Service restored: 2014-08-12 20:15 GMT", ServerSetupTest.SMTP);
        PullSource source = source(new ImapPullSettings("rfo", "127.0.0.1", ServerSetupTest.IMAP.getPort(), false,
                "rfo-reader", "s3cret-pass", "INBOX", "dc-provider", Duration.ofMinutes(5)));
        PullRunner runner = runner(source);

        SourceStatus first = runner.runOnce("imap:rfo");

        assertThat(first.lastError()).isNull();
        assertThat(first.accepted()).isEqualTo(2);
        assertThat(sink.events()).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PROVIDER_NOTICE);
            assertThat(e.labels()).containsEntry("provider", "dc-provider");
        });
        assertThat(sink.events().get(1).labels()).containsEntry("stated.impactEnd", "2014-08-12T20:15:00Z");
        assertThat(sink.position("imap:rfo")).get().asString().endsWith(":2");

        GreenMailUtil.sendTextEmail("rfo@example.com", "noc@dc-provider.example", "RFO 884213", "Root cause: BGP",
                ServerSetupTest.SMTP);
        SourceStatus second = runner.runOnce("imap:rfo");
        assertThat(second.accepted()).isEqualTo(3); // counts are cumulative: one new message
        assertThat(second.duplicates()).isZero();
        assertThat(sink.position("imap:rfo")).get().asString().endsWith(":3");

        PullSource wrongPassword = source(new ImapPullSettings("bad", "127.0.0.1", ServerSetupTest.IMAP.getPort(),
                false, "rfo-reader", "nope", "INBOX", null, Duration.ofMinutes(5)));
        assertThat(runner(wrongPassword).runOnce("imap:bad").lastError()).contains("check the credentials");
    }

    /** A provider's status page served from its published example, as a pull source with a 2-minute interval. */
    private PullSource statuspage() throws IOException {
        api.stubFor(get(urlPathEqualTo("/api/v2/incidents.json"))
                .willReturn(okJson(Files.readString(Fixtures.resource("formats/statuspage-incidents.json")))));
        PullSource source = source(new StatuspagePullSettings("dc",
                URI.create(api.baseUrl() + "/api/v2/incidents.json"), "dc-provider", Duration.ofMinutes(2)));
        return source;
    }

    @Test
    void aProvidersStatusPageIsReadAsTheProvidersStatements() throws Exception {
        PullSource source = statuspage();
        PullRunner runner = runner(source);

        assertThat(runner.runOnce("statuspage:dc").accepted()).isEqualTo(3);
        assertThat(sink.events()).allSatisfy(e -> assertThat(e.provider()).isTrue());
        SourceStatus again = runner.runOnce("statuspage:dc");
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.lagSeconds())
                .isEqualTo(Duration.between(Instant.parse("2014-08-12T20:13:00Z"), NOW).toSeconds());
    }

    @Test
    void aWatchedFolderImportsEachNewFileOnce(@TempDir Path drop) throws Exception {
        Path first = drop.resolve("a.jsonl");
        Files.writeString(first, "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"first drop\"}\n");
        Files.setLastModifiedTime(first, FileTime.from(NOW.minusSeconds(60)));
        Path fresh = drop.resolve("b.jsonl");
        Files.writeString(fresh, "{\"at\":\"2014-08-12T09:00:00Z\",\"title\":\"still being written\"}\n");
        Files.setLastModifiedTime(fresh, FileTime.from(NOW));
        PullSource source = source(new FolderPullSettings("drop", drop, Duration.ofSeconds(10)));
        PullRunner runner = runner(source);

        runner.runOnce("folder:drop");
        assertThat(sink.events()).extracting(Event::title).containsExactly("first drop");

        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minusSeconds(5)));
        runner.runOnce("folder:drop");
        runner.runOnce("folder:drop");
        assertThat(sink.events()).extracting(Event::title).containsExactly("first drop", "still being written");
    }

    @Test
    void aSourceAnotherNodeHoldsIsNeitherPolledByTheScheduleNorRunTwiceAtOnce() throws Exception {
        PullSource source = statuspage();
        ClusterJobs heldByAnotherNode = (job, atLeast, atMost, task) -> false;
        try (PullRunner runner = new PullRunner(List.of(source), sink, sink, clock, heldByAnotherNode)) {
            runner.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!runner.statuses().getFirst().ranElsewhere() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runner.statuses().getFirst().ranElsewhere()).isTrue();
            assertThatThrownBy(() -> runner.runOnce("statuspage:dc"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("running on another node");
        }
        api.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/incidents.json")));
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void theScheduleGoesOnWhenTheClusterLockCannotBeTaken() throws Exception {
        api.stubFor(get(urlPathEqualTo("/api/v2/incidents.json"))
                .willReturn(okJson(Files.readString(Fixtures.resource("formats/statuspage-incidents.json")))));
        PullSource source = source(new StatuspagePullSettings("dc",
                URI.create(api.baseUrl() + "/api/v2/incidents.json"), "dc-provider", Duration.ofMillis(100)));
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        ClusterJobs databaseAwayTwice = (job, atLeast, atMost, task) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("the lock's database is away");
            }
            task.run();
            return true;
        };
        try (PullRunner runner = new PullRunner(List.of(source), sink, sink, clock, databaseAwayTwice)) {
            runner.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runner.statuses().getFirst().accepted() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(runner.statuses().getFirst().accepted()).isEqualTo(3);
        }
    }
}
