package dev.hindsight.web.admin;

import dev.hindsight.web.support.AuditLog;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.Severity;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** What the audit log records, and who may read it. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    IncidentCatalog incidents;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-audit-");
    }

    private boolean logged(String actor, String action, String outcome) {
        return audit.recent(1000).stream()
                .anyMatch(e -> e.actor().equals(actor) && e.action().equals(action) && e.outcome().equals(outcome));
    }

    @Test
    void signInsTokensRestrictedViewsAndAccountChangesAreRecorded() throws Exception {
        accounts.addUser("carol", Role.COMMANDER, "correct horse battery");
        String admin = "Bearer " + accounts.createToken("auditor", Role.ADMIN);
        String viewer = "Bearer " + accounts.createToken("reader", Role.VIEWER);
        incidents.create(new NewIncident("SEC-7", "leaked keys", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T02:00:00Z"), Severity.SEV1, null, null, true, Set.of()), Viewer.LOCAL_ADMIN);

        mvc.perform(formLogin("/login").user("carol").password("wrong password!!"));
        mvc.perform(formLogin("/login").user("carol").password("correct horse battery"));
        mvc.perform(get("/api/incidents").header("Authorization", "Bearer hs_not-a-token"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/incidents/SEC-7").header("Authorization", admin)).andExpect(status().isOk());

        assertThat(logged("local", "add user", "success")).isTrue();
        assertThat(logged("local", "create token", "success")).isTrue();
        assertThat(logged("carol", "login", "failure")).isTrue();
        assertThat(logged("carol", "login", "success")).isTrue();
        assertThat(logged("token:hs_not…", "token", "failure")).isTrue();
        assertThat(logged("token:auditor", "view incident", "success")).isTrue();
        assertThat(audit.recent(1000)).noneMatch(e -> String.valueOf(e.detail()).contains("hs_not-a-token"));

        mvc.perform(get("/api/audit").header("Authorization", viewer)).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit").header("Authorization", admin)).andExpect(status().isOk());
    }

    @Test
    void repeatedFailedSignInsAreThrottledAndAuditedWhileOtherUsersCanStillSignIn() throws Exception {
        accounts.addUser("dave", Role.RESPONDER, "dave's long password");
        accounts.addUser("erin", Role.RESPONDER, "erin's long password");
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("dave").password("guess " + i)).andExpect(status().is3xxRedirection());
        }

        mvc.perform(formLogin("/login").user("dave").password("dave's long password"))
                .andExpect(status().isTooManyRequests())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .exists("Retry-After"));
        mvc.perform(formLogin("/login").user("erin").password("erin's long password"))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
        assertThat(logged("dave", "login", "throttled")).isTrue();
    }
}
