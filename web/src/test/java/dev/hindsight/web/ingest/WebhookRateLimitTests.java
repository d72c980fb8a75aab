package dev.hindsight.web.ingest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** A sender over its deliveries per minute is told to come back later; other senders are not slowed by it. */
@SpringBootTest(properties = "hindsight.hooks.max-per-minute=3")
@AutoConfigureMockMvc
class WebhookRateLimitTests {

    /** The middle of a minute, so the test never straddles two windows. */
    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-23T12:00:30Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-ratelimit-");
    }

    @Test
    void theFourthDeliveryInAMinuteGets429WithRetryAfter() throws Exception {
        String busy = "Bearer " + accounts.createToken("busy-sender", Role.RESPONDER);
        String quiet = "Bearer " + accounts.createToken("quiet-sender", Role.RESPONDER);
        for (int i = 0; i < 3; i++) {
            deliver(busy, i).andExpect(status().isOk());
        }
        deliver(busy, 3).andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", "30"));
        deliver(quiet, 4).andExpect(status().isOk());
    }

    private org.springframework.test.web.servlet.ResultActions deliver(String token, int i) throws Exception {
        return mvc.perform(post("/hooks/generic").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"at\":\"2026-11-23T11:00:0" + i + "Z\",\"title\":\"event " + i + "\"}"));
    }
}
