package dev.hindsight.web.ingest;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Dead letters replay into events once the decoders read them, as the import that rejected them would have (into its
 * incident); broken ones stay put; a letter of an import into a restricted incident exists for its members only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DeadLetterReplayTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcEventStore store;

    @Autowired
    DeadLetterStore rows;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-dlq-");
    }

    /** A letter as releases before replay recipes kept them: its origin and bytes, nothing around them. */
    private static DeadLetter legacy(String origin, String format, String reason, byte[] raw) {
        return new DeadLetter(origin, format, reason, raw, DeadLetter.Replay.whole(origin));
    }

    @Test
    void aReplayStoresIntoTheIncidentTheImportNamedAndExistsForItsMembersOnly() throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2014-08-12T07:50:00Z");
        incidents.create(new NewIncident("DLQ-SEC", "insider case", t0, t0.plusSeconds(3600), Severity.SEV1, null,
                "carol", true, Set.of("carol")), Viewer.LOCAL_ADMIN);
        // a CSV row kept with its header, from an import into the restricted incident in New York time
        DeadLetter.Replay recipe = new DeadLetter.Replay("evidence.csv", utf8("at,title,host\n"), new byte[0],
                "DLQ-SEC", null, java.time.ZoneId.of("America/New_York"), null, null);
        store.append(new EventBatch(List.of(), List.of(new DeadLetter("evidence.csv#4", "csv",
                "row 4: the old decoder could not read it",
                utf8("2014-08-12T04:10:00,Badge used at the side door,door2"),
                recipe)), "DLQ-SEC", null, new Viewer("carol", false)));
        long id = jdbc.queryForObject("select max(id) from dead_letter", Long.class);
        // sessions belong to accounts that exist: a session whose user is gone ends at its next request
        accounts.addUser("carol", Role.COMMANDER, "carol's long password");
        accounts.addUser("mallory", Role.COMMANDER, "mallory's long password");
        var carol = user("carol").roles("COMMANDER");
        var mallory = user("mallory").roles("COMMANDER");

        mvc.perform(get("/api/dead-letters").with(mallory)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
        mvc.perform(post("/api/dead-letters/" + id + "/replay").with(mallory).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/dead-letters").with(carol)).andExpect(jsonPath("$[?(@.id == " + id + ")]").isNotEmpty());

        mvc.perform(post("/api/dead-letters/" + id + "/replay").with(carol).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(1));
        assertThat(
                jdbc.queryForObject("select ie.incident_key from incident_event ie join event e on e.id = ie.event_id"
                        + " where e.title = 'Badge used at the side door'", String.class))
                .isEqualTo("DLQ-SEC");
        assertThat(jdbc.queryForObject("select occurred_at from event where title = 'Badge used at the side door'",
                java.time.OffsetDateTime.class).toInstant()).as("read in the import's zone")
                .isEqualTo(java.time.Instant.parse("2014-08-12T08:10:00Z"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lettersThatReadNowAreReplayedOnceAndTheRestSayWhyNot() throws Exception {
        store.append(new EventBatch(List.of(), List.of(
                legacy("old-am.json#alerts[1]", "alertmanager", "alerts[1]: unsupported (old decoder)", utf8("""
                        {"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},"annotations":{},
                         "startsAt":"2014-08-12T09:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"dd01"}""")),
                legacy("export.zip#ops/2014-08-12.json#7", "slack-export",
                        "ops/2014-08-12.json: entry 7: old bug",
                        utf8("{\"type\":\"message\",\"user\":\"U02\",\"ts\":\"1407835000.000100\",\"text\":\"replication looks good\"}")),
                legacy("notes.jsonl#3", "jsonl", "line 3: not valid JSON",
                        utf8("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":"))),
                null, null, Viewer.LOCAL_ADMIN));
        String commander = "Bearer " + accounts.createToken("replayer", Role.COMMANDER);
        String viewer = "Bearer " + accounts.createToken("looker", Role.VIEWER);

        // rejected records may hold anything a source sent: people who run ingest read them, viewers do not
        mvc.perform(get("/api/dead-letters").header("Authorization", viewer)).andExpect(status().isForbidden());
        mvc.perform(get("/api/dead-letters").header("Authorization", commander))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3));
        mvc.perform(post("/api/dead-letters/replay").header("Authorization", viewer)).andExpect(status().isForbidden());

        mvc.perform(post("/api/dead-letters/replay").header("Authorization", commander))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.origin == 'old-am.json#alerts[1]')].accepted").value(1))
                .andExpect(jsonPath("$[?(@.origin == 'export.zip#ops/2014-08-12.json#7')].accepted").value(1))
                .andExpect(jsonPath("$[?(@.origin == 'notes.jsonl#3')].replayed").value(false));

        assertThat(jdbc.queryForObject("select count(*) from event where title = 'DiskFull on db1'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                "select count(*) from event where source = 'slack' and title = 'replication looks good'", Long.class))
                .isEqualTo(1);
        assertThat(rows.list(Viewer.LOCAL_ADMIN, true, 10)).extracting(DeadLetterStore.Summary::origin)
                .containsExactly("notes.jsonl#3");

        // replaying again changes nothing: replayed letters are done, the broken one is still broken
        mvc.perform(post("/api/dead-letters/replay").header("Authorization", commander))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].reason").value(org.hamcrest.Matchers.startsWith("line 1: not valid JSON")));
    }
}
