package dev.hindsight.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts over their life, over REST: users created, disabled, re-roled, their passwords; tokens that act as their
 * owner (a member of a restricted incident), never above the owner's role, and that stop with an expiry, a revoke or
 * their owner being disabled, as do the owner's open sessions.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsTests {

    static final Instant T0 = Instant.parse("2026-02-02T02:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcTemplate jdbc;

    String admin;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-accounts-");
    }

    @BeforeAll
    void seed() {
        admin = "Bearer " + accounts.createToken("root", Role.ADMIN);
        incidents.create(new NewIncident("HUSH-1", "Quiet one", T0, T0.plusSeconds(3600), Severity.SEV2, null, null,
                true, Set.of("rosa")), Viewer.LOCAL_ADMIN);
    }

    @Test
    void aTokenActsAsItsOwnerNeverAboveTheirRoleAndStopsWhenTheyAreDisabled() throws Exception {
        mvc.perform(post("/api/admin/users").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\" rosa \",\"role\":\"RESPONDER\",\"password\":\"rosa's long password\","
                        + "\"email\":\"rosa@example.org\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value("rosa"))
                .andExpect(jsonPath("$.email").value("rosa@example.org"));
        mvc.perform(post("/api/admin/tokens").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"rosa-cli\",\"role\":\"ADMIN\",\"owner\":\"rosa\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("RESPONDER or below")));
        String token = "Bearer " + created(post("/api/admin/tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"rosa-cli\",\"role\":\"RESPONDER\",\"owner\":\"rosa\"}"));

        // rosa is a member of the restricted incident: her token sees it, as her
        mvc.perform(get("/api/incidents/HUSH-1").header("Authorization", token)).andExpect(status().isOk());
        mvc.perform(get("/api/me").header("Authorization", token)).andExpect(jsonPath("$.username").value("rosa"));
        mvc.perform(get("/api/admin/tokens").header("Authorization", admin))
                .andExpect(jsonPath("$[?(@.name == 'rosa-cli')].lastUsedAt").isNotEmpty());

        // demoted, her token acts as a viewer; disabled, it stops, as does her signed-in session
        Cookie session = mvc.perform(formLogin("/login").user("rosa").password("rosa's long password")).andReturn()
                .getResponse().getCookie("SESSION");
        assertThat(session).as("the session cookie of the database-held session").isNotNull();
        mvc.perform(get("/api/incidents").cookie(session)).andExpect(status().isOk());
        mvc.perform(patch("/api/admin/users/rosa").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"VIEWER\"}"))
                .andExpect(jsonPath("$.role").value("VIEWER"));
        mvc.perform(post("/api/incidents/HUSH-1/events").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"at\":\"2026-02-02T02:10:00Z\",\"title\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/admin/users/rosa").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/incidents").header("Authorization", token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/incidents").cookie(session)).andExpect(status().isUnauthorized());
        mvc.perform(formLogin("/login").user("rosa").password("rosa's long password"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/login?error"));
    }

    @Test
    void tokensExpireAndAreRevokedByNameOrId() throws Exception {
        accounts.addUser("theo", Role.COMMANDER, "theo's long password");
        String first = "Bearer " + accounts.createToken("theo-ci", Role.VIEWER, "theo", T0.plusSeconds(86400 * 3650L));
        String second = "Bearer " + accounts.createToken("theo-laptop", Role.COMMANDER, "theo", null);
        mvc.perform(get("/api/incidents").header("Authorization", first)).andExpect(status().isOk());
        jdbc.update("update api_token set expires_at = ? where name = 'theo-ci'",
                T0.atOffset(java.time.ZoneOffset.UTC));
        mvc.perform(get("/api/incidents").header("Authorization", first)).andExpect(status().isUnauthorized());

        // a user revokes their own token, never someone else's
        mvc.perform(delete("/api/me/tokens/root").header("Authorization", second)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/me/tokens/theo-laptop").header("Authorization", second))
                .andExpect(jsonPath("$.revoked").value(1));
        mvc.perform(get("/api/incidents").header("Authorization", second)).andExpect(status().isUnauthorized());
    }

    @Test
    void aUserChangesTheirPasswordOnlyWithTheOldOneAndTheLastAdminStays() throws Exception {
        accounts.addUser("uma", Role.RESPONDER, "uma's long password");
        String token = "Bearer " + accounts.createToken("uma-cli", Role.RESPONDER, "uma", null);
        mvc.perform(post("/api/me/password").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"oldPassword\":\"not it at all\",\"newPassword\":\"a brand new password\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the old password is not right"));
        mvc.perform(post("/api/me/password").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"oldPassword\":\"uma's long password\",\"newPassword\":\"a brand new password\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(formLogin("/login").user("uma").password("a brand new password"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));

        accounts.addUser("solo-admin", Role.ADMIN, "the only admin here");
        for (var u : accounts.users()) {
            if (u.role() == Role.ADMIN && !u.username().equals("solo-admin")) {
                accounts.setRole(u.username(), Role.VIEWER);
            }
        }
        mvc.perform(patch("/api/admin/users/solo-admin").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("last enabled admin")));
        mvc.perform(get("/api/admin/users").header("Authorization", admin))
                .andExpect(jsonPath("$[?(@.username == 'solo-admin')].enabled")
                        .value(org.hamcrest.Matchers.hasItem(true)));
    }

    private String created(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String body = mvc.perform(request).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body).get("token").asString();
    }
}
