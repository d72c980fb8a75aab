package dev.hindsight.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The application with Kafka as its ingest bus (a real broker, embedded, KRaft): webhooks are answered once Kafka
 * holds them and land in the database once, however often they are delivered; a body that is not the hook's format
 * is still a 400 and exactly one dead letter.
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
}
