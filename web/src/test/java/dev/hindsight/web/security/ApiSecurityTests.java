package dev.hindsight.web.security;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.JdbcEventStore;
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

/** Who may call what: tokens, sessions, roles, and restricted incidents hidden in every answer. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTests {

    static final Instant T0 = Instant.parse("2014-08-12T07:50:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    @Autowired
    LuceneIndex index;

    String admin;
    String viewer;
    String commander;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-api-");
    }

    @BeforeAll
    void seed() throws Exception {
        admin = "Bearer " + accounts.createToken("admin-test", Role.ADMIN);
        viewer = "Bearer " + accounts.createToken("viewer-test", Role.VIEWER);
        commander = "Bearer " + accounts.createToken("commander-test", Role.COMMANDER);
        incidents.create(new NewIncident("OPEN-1", "DC outage", T0, T0.plusSeconds(3600), Severity.SEV2, null, null,
                false, Set.of()), Viewer.LOCAL_ADMIN);
        incidents.create(new NewIncident("SEC-1", "credential leak", T0, T0.plusSeconds(3600), Severity.SEV1, null,
                "alice", true, Set.of("alice")), Viewer.LOCAL_ADMIN);
        store.append(
                new EventBatch(List.of(Event.builder("jsonl", EventKind.CHAT_MESSAGE, T0, "rotate the leaked keys now")
                        .dedupKey("sec-1").build()), List.of(), "SEC-1", null, Viewer.LOCAL_ADMIN));
        store.append(new EventBatch(List.of(Event.builder("jsonl", EventKind.ALERT_FIRING, T0, "packet loss at dc-east")
                .dedupKey("open-1").build()), List.of(), "OPEN-1", null, Viewer.LOCAL_ADMIN));
        index.refresh();
    }

    @Test
    void healthIsOpenAndEverythingElseNeedsCredentials() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/api/incidents"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/incidents").header("Authorization", "Bearer hs_forged"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk());
    }

    @Test
    void restrictedIncidentsAreHiddenFromNonMembersInListsLookupsSearchAndCounts() throws Exception {
        mvc.perform(get("/api/incidents").header("Authorization", viewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].key").value(org.hamcrest.Matchers.hasItem("OPEN-1")))
                .andExpect(
                        jsonPath("$[*].key").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("SEC-1"))));
        mvc.perform(get("/api/incidents/SEC-1").header("Authorization", viewer))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
        mvc.perform(get("/api/search").param("q", "leaked").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/search").param("q", "*").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.facets.kind.CHAT_MESSAGE").doesNotExist());

        mvc.perform(get("/api/incidents/SEC-1").header("Authorization", admin)).andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", "leaked").header("Authorization", admin))
                .andExpect(jsonPath("$.facets.type.event").value(1))
                .andExpect(jsonPath("$.facets.type.incident").value(1)); // its title says so too
    }

    @Test
    void curationIsForRespondersUpAndShowsInTheTimelineHistoryAndAudit() throws Exception {
        String entry = dev.hindsight.core.event.EventId.of("jsonl", "open-1");
        String pin = "{\"pinned\":true,\"note\":\"<b>first</b> sign\",\"moment\":\"MITIGATED\"}";
        mvc.perform(patch("/api/incidents/OPEN-1/entries/" + entry).header("Authorization", viewer)
                .contentType(MediaType.APPLICATION_JSON).content(pin))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/incidents/SEC-1/entries/" + entry).header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content(pin))
                .andExpect(status().isNotFound());
        mvc.perform(patch("/api/incidents/OPEN-1/entries/" + entry).header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"moment\":\"FIXED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("MITIGATED")));
        mvc.perform(patch("/api/incidents/OPEN-1/entries/" + entry).header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content(pin))
                .andExpect(status().isOk());
        mvc.perform(post("/api/incidents/OPEN-1/events").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"at\":\"2014-08-12T08:05:00Z\",\"title\":\"Called the provider's NOC\"}"))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/incidents/OPEN-1/timeline").header("Authorization", viewer))
                .andExpect(jsonPath("$.entries[?(@.id == '" + entry + "')].pinned").value(true))
                .andExpect(jsonPath("$.entries[?(@.id == '" + entry + "')].note").value("<b>first</b> sign"))
                .andExpect(jsonPath("$.entries[?(@.source == 'manual')].title").value("Called the provider's NOC"))
                .andExpect(jsonPath("$.moments[?(@.kind == 'MITIGATED')].markedBy").value("token:commander-test"));
        mvc.perform(get("/api/incidents/OPEN-1/curation").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].action").value(org.hamcrest.Matchers.hasItems("PIN", "ANNOTATE", "MARK")));
        mvc.perform(get("/api/audit").header("Authorization", admin))
                .andExpect(jsonPath("$[*].action")
                        .value(org.hamcrest.Matchers.hasItems("curate pin", "curate add-event")));
    }

    @Test
    void aCommanderRestrictsAndReopensAnIncidentAndItsEventsHideAndShowAtOnce() throws Exception {
        incidents.create(new NewIncident("ACC-1", "access review", T0, T0.plusSeconds(3600), Severity.SEV3, null, null,
                false, Set.of()), Viewer.LOCAL_ADMIN);
        store.append(new EventBatch(
                List.of(Event.builder("jsonl", EventKind.CHAT_MESSAGE, T0, "quarterly access review started")
                        .dedupKey("acc-1").build()),
                List.of(), "ACC-1", null, Viewer.LOCAL_ADMIN));
        index.refresh();
        mvc.perform(get("/api/search").param("q", "quarterly").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(1));

        mvc.perform(put("/api/incidents/ACC-1/access").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"restricted\":true,\"members\":[\"alice\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("you would lose access")));
        mvc.perform(put("/api/incidents/ACC-1/access").header("Authorization", viewer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"restricted\":false,\"members\":[]}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/incidents/ACC-1/access").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"restricted\":true,\"members\":[\"alice\",\"token:commander-test\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.restricted").value(true));

        mvc.perform(get("/api/incidents/ACC-1").header("Authorization", viewer)).andExpect(status().isNotFound());
        mvc.perform(get("/api/search").param("q", "quarterly").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/search").param("q", "quarterly").header("Authorization", commander))
                .andExpect(jsonPath("$.total").value(1));

        mvc.perform(put("/api/incidents/ACC-1/access").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"restricted\":false,\"members\":[]}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", "quarterly").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/audit").header("Authorization", admin))
                .andExpect(jsonPath("$[?(@.action == 'change access')].detail").value(
                        org.hamcrest.Matchers.hasItems("restricted, members alice,token:commander-test",
                                "open, members ")));

        // restricted once more (by an admin, who needs no membership): the other tests count what a viewer sees
        mvc.perform(put("/api/incidents/ACC-1/access").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"restricted\":true,\"members\":[]}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/search").param("q", "quarterly").header("Authorization", viewer))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void onlyCommandersAndAdminsDeclareIncidents() throws Exception {
        String body = "{\"key\":\"INC-9\",\"title\":\"t\",\"from\":\"2014-08-12T07:50:00Z\",\"to\":\"2014-08-12T09:00:00Z\"}";
        mvc.perform(post("/api/incidents").header("Authorization", viewer).contentType(MediaType.APPLICATION_JSON)
                .content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/incidents").header("Authorization", commander).contentType(MediaType.APPLICATION_JSON)
                .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.key").value("INC-9"));
        mvc.perform(post("/api/incidents").header("Authorization", commander).contentType(MediaType.APPLICATION_JSON)
                .content(body))
                .andExpect(status().isConflict());
    }

    @Test
    void badQueriesAreProblemsNotStalls() throws Exception {
        mvc.perform(get("/api/search").param("q", "*leaked").header("Authorization", admin))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/bad-query"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("wildcard")));
        mvc.perform(get("/api/search").param("limit", "100000").header("Authorization", admin))
                .andExpect(status().isBadRequest());
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() throws Exception {
        String csp = mvc.perform(get("/login")).andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
    }

    @Test
    void theRawRecordOfAVisibleEventIsServedAndAHiddenOneIsNot() throws Exception {
        String openId = Event.builder("jsonl", EventKind.ALERT_FIRING, T0, "x").dedupKey("open-1").build().id();
        String secretId = Event.builder("jsonl", EventKind.CHAT_MESSAGE, T0, "x").dedupKey("sec-1").build().id();
        mvc.perform(get("/api/events/" + openId).header("Authorization", viewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("packet loss at dc-east"));
        mvc.perform(get("/api/events/" + secretId).header("Authorization", viewer)).andExpect(status().isNotFound());
        mvc.perform(get("/api/events/" + secretId + "/raw").header("Authorization", viewer))
                .andExpect(status().isNotFound());
    }
}
