package dev.hindsight.web.incidents;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Instant;
import java.util.Set;
import org.hamcrest.Matchers;
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
import org.springframework.test.web.servlet.ResultActions;

/** {@code PATCH /api/incidents/{key}}: what a caller may change, how a mistake is answered, what is recorded. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentLifecycleApiTests {

    static final Instant T0 = Instant.parse("2024-03-10T08:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    String commander;
    String responder;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-lifecycle-api-");
    }

    @BeforeAll
    void seed() {
        commander = "Bearer " + accounts.createToken("cmd-token", Role.COMMANDER);
        responder = "Bearer " + accounts.createToken("resp-token", Role.RESPONDER);
        accounts.addUser("sam", Role.RESPONDER, "a-long-enough-password");
        incidents.create(new NewIncident("import-2024", "import-2024", T0, T0.plusSeconds(3600), Severity.SEV3, null,
                null, false, Set.of()), Viewer.LOCAL_ADMIN);
    }

    private ResultActions patchAs(String token, String body) throws Exception {
        return mvc.perform(patch("/api/incidents/import-2024").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aCommanderRenamesResolvesAndFilesAnIncidentAnImportCreated() throws Exception {
        patchAs(commander, """
                {"title":"Checkout errors after a config push","severity":"sev1","status":"RESOLVED",
                 "commander":"sam","tags":["config","checkout"],"summary":"A bad config reached checkout."}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Checkout errors after a config push"))
                .andExpect(jsonPath("$.severity").value("SEV1"))
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.commander").value("sam"))
                .andExpect(jsonPath("$.tags", Matchers.contains("checkout", "config")));

        mvc.perform(get("/api/incidents/import-2024/changes").header("Authorization", responder))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.field == 'status')].to").value("RESOLVED"))
                .andExpect(jsonPath("$[0].actor").value("token:cmd-token"));
        mvc.perform(get("/api/incidents/import-2024").header("Authorization", responder))
                .andExpect(jsonPath("$.summary").value("A bad config reached checkout."));
    }

    @Test
    void mistakesAreAnsweredWithTheirReasonAndChangeNothing() throws Exception {
        patchAs(commander, "{\"status\":\"DONE\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(
                        "status 'DONE' is not one of INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, CLOSED"));
        patchAs(commander, "{\"from\":\"1066-10-14T09:00:00Z\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("between 1990 and 2100")));
        patchAs(commander, "{\"to\":\"2024-03-10T07:00:00Z\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("the window must end after it starts")));
        patchAs(commander, "{\"commander\":\"nobody-here\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("'nobody-here' is not a user")));
        patchAs(commander, "{\"severity\":\"SEV9\"}").andExpect(status().isBadRequest());

        patchAs(responder, "{\"status\":\"CLOSED\"}").andExpect(status().isForbidden());
        mvc.perform(patch("/api/incidents/NO-SUCH").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CLOSED\"}"))
                .andExpect(status().isNotFound());
    }
}
