package dev.hindsight.web.deadletters;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.store.DeadLetterRows;
import dev.hindsight.search.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Dead letters left by an older decoder replay into events once the decoder reads them; broken ones stay put. */
@SpringBootTest
@AutoConfigureMockMvc
class DeadLetterReplayTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcEventStore store;

    @Autowired
    DeadLetterRows rows;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-dlq-");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lettersThatReadNowAreReplayedOnceAndTheRestSayWhyNot() throws Exception {
        store.append(new EventBatch(List.of(), List.of(
                new DeadLetter("old-am.json#alerts[1]", "alertmanager", "alerts[1]: unsupported (old decoder)", utf8("""
                        {"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},"annotations":{},
                         "startsAt":"2014-08-12T09:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"dd01"}""")),
                new DeadLetter("export.zip#ops/2014-08-12.json#7", "slack-export",
                        "ops/2014-08-12.json: entry 7: old bug",
                        utf8("{\"type\":\"message\",\"user\":\"U02\",\"ts\":\"1407835000.000100\",\"text\":\"replication looks good\"}")),
                new DeadLetter("notes.jsonl#3", "jsonl", "line 3: not valid JSON",
                        utf8("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":"))),
                null, null));
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
        assertThat(rows.list(true, 10)).extracting(DeadLetterRows.Summary::origin).containsExactly("notes.jsonl#3");

        // replaying again changes nothing: replayed letters are done, the broken one is still broken
        mvc.perform(post("/api/dead-letters/replay").header("Authorization", commander))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].reason").value(org.hamcrest.Matchers.startsWith("line 1: not valid JSON")));
    }
}
