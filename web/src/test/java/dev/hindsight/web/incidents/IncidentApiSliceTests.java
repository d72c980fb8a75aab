package dev.hindsight.web.incidents;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.web.support.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The incident API alone (no store, no index): what a caller gets when an incident is missing or hidden, when a key is
 * taken, and when a declaration lacks what it needs. Each is a problem of the catalogue with its own status.
 */
@WebMvcTest(IncidentApi.class)
class IncidentApiSliceTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    IncidentCatalog incidents;

    @MockitoBean
    IncidentLifecycle lifecycle;

    @MockitoBean
    IncidentEdits edits;

    @MockitoBean
    AuditLog audit;

    @Test
    void aMissingOrHiddenIncidentIsNotFound() throws Exception {
        when(lifecycle.details(eq("SEC-1"), any())).thenThrow(new NotFoundException("no incident SEC-1"));

        mvc.perform(get("/api/incidents/SEC-1").with(user("carol").roles("COMMANDER")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("no incident SEC-1"));
    }

    @Test
    void aKeyInUseIsAConflict() throws Exception {
        when(incidents.create(any(), any()))
                .thenThrow(new ConflictException("the incident key OPS-1 is in use; choose another"));

        mvc.perform(post("/api/incidents").with(user("carol").roles("COMMANDER")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"key":"OPS-1","title":"t","from":"2024-02-02T02:00:00Z","to":"2024-02-02T03:00:00Z"}"""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/conflict"))
                .andExpect(jsonPath("$.detail").value("the incident key OPS-1 is in use; choose another"));
    }

    @Test
    void aDeclarationWithoutItsWindowIsABadRequestNamingWhatIsMissing() throws Exception {
        mvc.perform(post("/api/incidents").with(user("carol").roles("COMMANDER")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"key\":\"OPS-1\",\"title\":\"t\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("an incident needs key, title, from and to"));
    }
}
