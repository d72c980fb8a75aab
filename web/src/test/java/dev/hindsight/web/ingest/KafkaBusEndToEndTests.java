package dev.hindsight.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The application with Kafka as its ingest bus (a real broker, embedded, KRaft): webhooks are answered once Kafka
 * holds them and land in the database once, however often they are delivered; a body that is not the hook's format
 * is still a 400 and exactly one dead letter. A batch the store refuses is kept as a dead letter of its incident and
 * replays once the cause is mended.
 */
@SpringBootTest(properties = {"hindsight.ingest.bus.kind=kafka",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 2)
class KafkaBusEndToEndTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    EventSink bus;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-kafka-bus-");
    }

    private static String alertmanager(String fingerprint) {
        return String.format(Locale.ROOT, """
                {"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","status":"firing","receiver":"hindsight",
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},
                   "annotations":{"summary":"disk full on db1"},"startsAt":"2025-03-01T07:50:00Z",
                   "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}
                """, fingerprint);
    }

    private static void await(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (value.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }

    @Test
    void webhooksGoThroughKafkaIntoTheDatabaseOnceAndBadBodiesStayExactDeadLetters() throws Exception {
        String token = "Bearer " + accounts.createToken("am-bus", Role.RESPONDER);
        for (int delivery = 0; delivery < 3; delivery++) { // delivered three times, stored once
            for (int alert = 0; alert < 10; alert++) {
                // answered once Kafka holds it: what was queued, not yet what the store made of it (directly,
                // a re-delivery would answer accepted 0, duplicates 1)
                mvc.perform(post("/hooks/alertmanager").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content(alertmanager("bus-" + alert)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.accepted").value(1))
                        .andExpect(jsonPath("$.duplicates").value(0));
            }
        }
        await(() -> jdbc.queryForObject("select count(*) from event where source = 'alertmanager'"
                + "", Long.class), 10);
        Thread.sleep(1000); // late copies would show by now
        assertThat(jdbc.queryForObject("select count(*) from event where source = 'alertmanager'"
                + "", Long.class)).isEqualTo(10);

        mvc.perform(post("/hooks/alertmanager").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("<html>502 Bad Gateway</html>"))
                .andExpect(status().isBadRequest());
        await(() -> jdbc.queryForObject("select count(*) from dead_letter where format = 'alertmanager'",
                Long.class), 1);
    }

    @Test
    void aBatchTheStoreRefusedIsADeadLetterAsHiddenAsItsIncidentAndReplaysOnceTheCauseIsMended() throws Exception {
        Instant t0 = Instant.parse("2025-03-02T09:00:00Z");
        incidents.create(new NewIncident("BUS-SEC", "insider case", t0, t0.plusSeconds(3600), Severity.SEV2, null,
                "carol", true, Set.of("carol")), Viewer.LOCAL_ADMIN);
        accounts.addUser("carol", Role.COMMANDER, "carol's long password");
        accounts.addUser("mallory", Role.COMMANDER, "mallory's long password");
        var carol = user("carol").roles("COMMANDER");
        var mallory = user("mallory").roles("COMMANDER");
        List<Event> evidence = List.of(
                Event.builder("jsonl", EventKind.NOTE, t0.plusSeconds(60), "badge used at the side door")
                        .dedupKey("bus-sec-1").build(),
                Event.builder("jsonl", EventKind.NOTE, t0.plusSeconds(120), "laptop left the building")
                        .dedupKey("bus-sec-2").build());
        // queued by a writer whose membership ended before the consumer got to it: the store refuses the batch
        bus.append(new EventBatch(evidence, List.of(), "BUS-SEC", null, new Viewer("mallory", false)));
        kafka.send("hindsight-ingest", "junk", "{\"events\": 42".getBytes(StandardCharsets.UTF_8)).get();
        // bytes that are not even JSON, from a writer into the restricted incident: its header says whose they are
        ProducerRecord<String, byte[]> opaque = new ProducerRecord<>("hindsight-ingest", "opaque",
                new byte[]{0, 1, 2, (byte) 0xff});
        opaque.headers().add("hindsight-incident", "BUS-SEC".getBytes(StandardCharsets.UTF_8));
        kafka.send(opaque).get();
        await(() -> jdbc.queryForObject("select count(*) from dead_letter where format = 'ingest-bus'", Long.class), 3);
        long opaqueLetter = jdbc.queryForObject(
                "select id from dead_letter where format = 'ingest-bus' and raw_size = 4", Long.class);
        assertThat(jdbc.queryForObject("select incident_key from dead_letter where id = ?", String.class,
                opaqueLetter)).isEqualTo("BUS-SEC");
        long refused = jdbc.queryForObject("select id from dead_letter where format = 'ingest-bus' and incident_key ="
                + " 'BUS-SEC' and raw_size > 4", Long.class);
        long unreadable = jdbc.queryForObject(
                "select id from dead_letter where format = 'ingest-bus' and incident_key is null", Long.class);

        // the letter holds the restricted incident's evidence: for non-members it does not exist
        mvc.perform(get("/api/dead-letters").with(mallory)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + refused + ")]").isEmpty())
                .andExpect(jsonPath("$[?(@.id == " + opaqueLetter + ")]").isEmpty());
        mvc.perform(get("/api/dead-letters").with(carol)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + opaqueLetter + ")]").isNotEmpty());
        mvc.perform(post("/api/dead-letters/" + refused + "/replay").with(mallory).with(csrf()))
                .andExpect(status().isNotFound());

        // replayed by a member, straight into the database: exact counts, attached to the incident
        mvc.perform(post("/api/dead-letters/" + refused + "/replay").with(carol).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.replayed").value(true))
                .andExpect(jsonPath("$.accepted").value(2)).andExpect(jsonPath("$.duplicates").value(0));
        assertThat(jdbc.queryForObject("select count(*) from incident_event where incident_key = 'BUS-SEC'",
                Long.class)).isEqualTo(2);
        mvc.perform(post("/api/dead-letters/" + refused + "/replay").with(carol).with(csrf()))
                .andExpect(jsonPath("$.accepted").value(0)).andExpect(jsonPath("$.reason").value(
                        org.hamcrest.Matchers.startsWith("already replayed")));

        // bytes no reader of this version understands stay pending, with the reason
        mvc.perform(post("/api/dead-letters/" + unreadable + "/replay").with(carol).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.replayed").value(false))
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith("still not a batch")));
        assertThat(jdbc.queryForObject("select replayed_at from dead_letter where id = ?", Object.class, unreadable))
                .isNull();
    }

    @Test
    void aRefusedBatchLargerThanOneLetterIsKeptInPartsThatEachFitAndTogetherReplayEveryEvent() throws Exception {
        Instant t0 = Instant.parse("2025-03-03T09:00:00Z");
        byte[] raw = "x".repeat(400).getBytes(StandardCharsets.UTF_8);
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) { // one bus record of about 0.5 MB: more than a dead letter keeps whole
            events.add(Event.builder("jsonl", EventKind.NOTE, t0.plusSeconds(i), "bulk line " + i)
                    .dedupKey("bus-big-" + i).raw(new RawRecord("bulk.jsonl#" + i, raw, "jsonl/1")).build());
        }
        bus.append(new EventBatch(events, List.of(), "BUS-BIG", null, Viewer.LOCAL_ADMIN)); // no such incident yet
        await(() -> jdbc.queryForObject("select count(*) from dead_letter where incident_key = 'BUS-BIG'",
                Long.class) > 0 ? 1 : 0, 1);
        List<Long> parts = jdbc.queryForList(
                "select id from dead_letter where incident_key = 'BUS-BIG' order by id", Long.class);
        assertThat(parts).as("kept in parts, none cut short").hasSizeGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where incident_key = 'BUS-BIG'"
                + " and raw_truncated", Long.class)).isZero();

        incidents.create(new NewIncident("BUS-BIG", "bulk import", t0, t0.plusSeconds(3600), Severity.SEV3, null,
                null, false, Set.of()), Viewer.LOCAL_ADMIN);
        String admin = "Bearer " + accounts.createToken("bus-admin", Role.ADMIN);
        long accepted = 0;
        for (long id : parts) {
            String body = mvc.perform(post("/api/dead-letters/" + id + "/replay").header("Authorization", admin))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.replayed").value(true))
                    .andReturn().getResponse().getContentAsString();
            accepted += ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.accepted")).longValue();
        }
        assertThat(accepted).isEqualTo(600);
        assertThat(jdbc.queryForObject("select count(*) from incident_event where incident_key = 'BUS-BIG'",
                Long.class)).isEqualTo(600);
    }
}
