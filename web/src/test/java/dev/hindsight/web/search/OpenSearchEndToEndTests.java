package dev.hindsight.web.search;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.opensearch.OpenSearchFeed;
import dev.hindsight.search.opensearch.OpenSearchIndex;
import dev.hindsight.search.opensearch.OpenSearchServer;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Instant;
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
 * The application with event search on a real OpenSearch server: webhooks in, the search API out, a restricted
 * incident's events invisible to outsiders there too, and an outage of the cluster answered 503 with Retry-After and
 * its reason while webhooks keep being stored; once it is back, everything stored meanwhile is found.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchEndToEndTests {

    static final Instant T0 = Instant.parse("2025-05-06T07:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    OpenSearchFeed feed;

    @Autowired
    OpenSearchIndex index;

    String member;
    String outsider;
    String sender;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-opensearch-e2e-");
        OpenSearchServer.register(registry, "e2e-");
    }

    @BeforeAll
    void accounts() {
        member = "Bearer " + accounts.createToken("os-member", Role.RESPONDER);
        outsider = "Bearer " + accounts.createToken("os-outsider", Role.RESPONDER);
        sender = "Bearer " + accounts.createToken("os-sender", Role.RESPONDER);
        incidents.create(new NewIncident("HUSH-OS", "Key leak", T0, T0.plusSeconds(3600), Severity.SEV1, null, null,
                true, Set.of("token:os-member")), Viewer.LOCAL_ADMIN);
    }

    private void deliver(String title, int minute, String incident) throws Exception {
        String body = "{\"at\":\"" + T0.plusSeconds(60L * minute) + "\",\"title\":\"" + title + "\",\"host\":\"gw-1\""
                + (incident == null ? "" : ",\"incident\":\"" + incident + "\"") + "}";
        mvc.perform(post("/hooks/generic").header("Authorization", sender).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isOk());
    }

    private void searchable() {
        feed.catchUp();
        index.refresh();
    }

    @Test
    void searchThroughTheApiRunsOnTheClusterAndKeepsRestrictedIncidentsHidden() throws Exception {
        deliver("gateway wombat timeouts rising", 1, null);
        deliver("gateway wombat certificate expired", 2, null);
        mvc.perform(post("/api/incidents/HUSH-OS/events").header("Authorization", "Bearer "
                + accounts.createToken("os-admin", Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"at\":\"" + T0.plusSeconds(180) + "\",\"title\":\"wombat signing key leaked\"}"))
                .andExpect(status().is2xxSuccessful());
        searchable();

        mvc.perform(get("/api/search").param("q", "wombat").param("type", "event").header("Authorization", member))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.hits[0].snippet").value(containsString("<mark>wombat</mark>")));
        mvc.perform(get("/api/search").param("q", "wombat").param("type", "event")
                .header("Authorization", outsider))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.hits[*].title").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem("wombat signing key leaked"))));
        mvc.perform(get("/api/search").param("q", "\"key leaked\"").param("type", "event")
                .header("Authorization", outsider)).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void whileTheClusterIsDownSearchSays503WithAReasonAndWebhooksAreStillStored() throws Exception {
        deliver("numbat queue stalled", 10, null);
        searchable();
        OpenSearchServer server = OpenSearchServer.shared();
        server.stop();
        try {
            mvc.perform(get("/api/search").param("q", "numbat").param("type", "event")
                    .header("Authorization", member))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.detail").value(containsString("search is unavailable")));
            deliver("numbat queue drained", 11, null); // 200: committed to the database
            deliver("numbat consumers restarted", 12, null);
        } finally {
            server.start();
        }
        searchable();
        mvc.perform(get("/api/search").param("q", "numbat").param("type", "event").header("Authorization", member))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3));
    }
}
