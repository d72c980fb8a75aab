package dev.hindsight.web.admin;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A backup taken through the running server while events keep arriving restores to a consistent instance. */
@SpringBootTest
@AutoConfigureMockMvc
class BackupUnderIngestTests {

    static final int BATCH = 250;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcEventStore store;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-backup-");
    }

    @Test
    void aBackupUnderIngestHoldsWholeBatchesAndRestoresConsistent() throws Exception {
        String admin = "Bearer " + accounts.createToken("backup-admin", Role.ADMIN);
        String responder = "Bearer " + accounts.createToken("backup-responder", Role.RESPONDER);
        AtomicBoolean stop = new AtomicBoolean();
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        Thread ingest = Thread.ofPlatform().start(() -> {
            for (int b = 0; !stop.get() && b < 400; b++) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    batch.add(Event
                            .builder("jsonl", EventKind.LOG_LINE, t0.plusSeconds(b * BATCH + i), "line " + b + "/" + i)
                            .dedupKey("b" + b + "-" + i).build());
                }
                store.append(EventBatch.of(batch));
            }
        });
        Thread.sleep(300); // some batches in before the backup, more during it

        mvc.perform(post("/api/admin/backup").header("Authorization", responder)).andExpect(status().isForbidden());
        String body = mvc.perform(post("/api/admin/backup").header("Authorization", admin))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        stop.set(true);
        ingest.join();
        JsonNode answer = JsonMapper.builder().build().readTree(body);
        Path backup = Path.of(answer.get("path").asString());
        long reported = answer.get("manifest").get("events").asLong();
        assertThat(reported).isPositive();

        Path restored = Files.createTempDirectory("hindsight-restored-");
        Backups.restore(backup, restored);
        var check = dev.hindsight.web.cli.CliRunner.run("check", "--data", restored.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        long events = JsonMapper.builder().build().readTree(check.out()).get("databaseEvents").asLong();
        assertThat(events).isGreaterThanOrEqualTo(reported);
        assertThat(events % BATCH).as("only whole batches").isZero();
    }
}
