package dev.hindsight.web.timeline;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Impact start from the symptoms, on the API: the estimate and its reason beside the contract's moments; a commander's
 * mark that would put impact after detection is refused, one in order decides the estimate.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyMomentMarkTests {

    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    String commander;
    final Event report = Event.builder("support", EventKind.NOTE, T0.minusSeconds(900), "Customers cannot log in")
            .service("login").actor("support").dedupKey("r1").build();
    final Event alert = Event.builder("alertmanager", EventKind.ALERT_FIRING, T0, "LoginErrorsHigh")
            .service("login").dedupKey("a1").build();
    final Event ack = Event.builder("pagerduty", EventKind.PAGE_ACKNOWLEDGED, T0.plusSeconds(300), "Acknowledged")
            .service("login").dedupKey("p1").build();

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-moments-");
    }

    @BeforeAll
    void seed() {
        commander = "Bearer " + accounts.createToken("cmd", Role.COMMANDER);
        incidents.create(new NewIncident("LOGIN-1", "Login errors", T0.minusSeconds(1800), T0.plusSeconds(3600),
                Severity.SEV2, null, null, false, Set.of()), Viewer.LOCAL_ADMIN);
        store.append(new EventBatch(List.of(report, alert, ack), List.of(), "LOGIN-1", null, Viewer.LOCAL_ADMIN));
    }

    @Test
    void impactStartsAtTheFirstReportAndAMarkOutOfOrderIsRefused() throws Exception {
        mvc.perform(get("/api/incidents/LOGIN-1/timeline").header("Authorization", commander))
                .andExpect(jsonPath("$.metrics.timeToDetectSeconds").value(0))
                .andExpect(jsonPath("$.impact.at").value("2026-05-04T09:45:00Z"))
                .andExpect(jsonPath("$.impact.basis").value("HUMAN_REPORT"))
                .andExpect(jsonPath("$.impact.reason").value(containsString("support reported")))
                .andExpect(jsonPath("$.impact.detectedAfterSeconds").value(900));

        // the acknowledgement as impact start would put impact after detection
        mvc.perform(patch("/api/incidents/LOGIN-1/entries/" + ack.id()).header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"moment\":\"IMPACT_START\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("impact start would come after detected")));
        mvc.perform(patch("/api/incidents/LOGIN-1/entries/" + report.id()).header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"moment\":\"IMPACT_START\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/incidents/LOGIN-1/timeline").header("Authorization", commander))
                .andExpect(jsonPath("$.metrics.timeToDetectSeconds").value(900))
                .andExpect(jsonPath("$.impact.basis").value("MARKED"));
    }
}
