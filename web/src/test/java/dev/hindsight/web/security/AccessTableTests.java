package dev.hindsight.web.security;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.webhooks.Webhooks;
import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.store.JdbcEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps, checked against the access table below for every role, and every incident
 * endpoint against a restricted incident. A new endpoint without an entry fails this test: decide who may call it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTableTests {

    /** Who may call an endpoint: anyone, or the least role (a signing sender such as PagerDuty: HooksTests). */
    enum Access {
        PUBLIC,
        VIEWER,
        RESPONDER,
        COMMANDER,
        ADMIN
    }

    static final Map<String, Access> TABLE = new TreeMap<>();

    static {
        Access v = Access.VIEWER;
        Access r = Access.RESPONDER;
        Access c = Access.COMMANDER;
        Access a = Access.ADMIN;
        table(Access.PUBLIC, "GET /login", "GET /calendar/{secret}.ics");
        // no session or token: each request proves its sender by a signature or command token (ChatCaptureTests,
        // JiraTrackerTests), checked before anything in it is read
        table(Access.PUBLIC, "POST /chat/slack/commands", "POST /chat/slack/actions", "POST /chat/mattermost/commands",
                "POST /hooks/jira");
        table(v, "GET /", "GET /search", "GET /incidents/{key}", "GET /incidents/{key}/postmortem", "GET /actions",
                "GET /dashboard",
                "GET /dashboard.xlsx", "GET /api/incidents", "GET /api/incidents/{key}",
                "GET /api/incidents/{key}/timeline",
                "GET /api/incidents/{key}/similar", "GET /api/incidents/{key}/curation", "GET /api/search",
                "GET /api/events/{id}",
                "GET /api/events/{id}/raw", "GET /api/incidents/{key}/export", "GET /api/incidents/{key}/postmortem",
                "GET /api/incidents/{key}/postmortem/diff", "GET /api/incidents/{key}/postmortem/versions",
                "GET /api/actions",
                "GET /api/actions/{id}/history", "GET /api/imports/{id}", "GET /api/postmortem-templates",
                "GET /api/incidents/{key}/changes", "GET /api/incidents/{key}/postmortem/review",
                "GET /api/incidents/{key}/review/comments", "GET /api/saved-searches", "POST /api/saved-searches",
                "DELETE /api/saved-searches/{id}", "POST /search/saved", "POST /search/saved/{id}/delete",
                "GET /api/dashboard", "GET /api/dashboard/trends", "GET /api/me", "POST /api/me/password",
                "GET /api/me/tokens", "POST /api/me/tokens", "DELETE /api/me/tokens/{token}", "GET /account",
                "POST /account/password", "POST /account/tokens", "POST /account/tokens/{token}/revoke",
                "GET /api/me/calendars", "POST /api/me/calendars", "DELETE /api/me/calendars/{id}",
                "GET /api/me/reminders", "PUT /api/me/reminders", "POST /account/reminders", "POST /account/calendars",
                "POST /account/calendars/{id}/revoke");
        table(r, "POST /api/imports", "POST /hooks/{hook}", "PATCH /api/incidents/{key}/entries/{entryId}",
                "POST /api/incidents/{key}/events",
                "POST /api/incidents/{key}/actions", "POST /api/incidents/{key}/actions/from-lessons",
                "PATCH /api/actions/{id}", "POST /api/actions/{id}/jira",
                "POST /actions/{id}", "POST /actions/bulk", "POST /incidents/{key}/actions",
                "POST /incidents/{key}/attach",
                "POST /incidents/{key}/actions/from-lessons", "GET /api/dead-letters",
                "GET /api/ingest/sources", "GET /api/ingest/nodes", "GET /ingest",
                "POST /api/incidents/{key}/review/approve",
                "POST /api/incidents/{key}/review/comments", "POST /incidents/{key}/review/approve",
                "POST /incidents/{key}/review/comments");
        table(c, "POST /api/incidents", "PUT /api/incidents/{key}/postmortem", "PUT /api/incidents/{key}/access",
                "POST /api/incidents/{key}/postmortem/status",
                "POST /incidents/{key}/postmortem", "POST /incidents/{key}/postmortem/status",
                "POST /api/dead-letters/replay",
                "POST /api/dead-letters/{id}/replay", "POST /api/postmortem-templates", "POST /incidents",
                "PATCH /api/incidents/{key}", "POST /incidents/{key}/edit", "POST /incidents/{key}/close",
                "POST /incidents/{key}/reopen", "POST /api/incidents/{key}/postmortem/reviewers",
                "POST /incidents/{key}/postmortem/reviewers");
        table(a, "GET /api/admin/users", "POST /api/admin/users", "PATCH /api/admin/users/{name}",
                "DELETE /api/admin/users/{name}", "POST /api/admin/users/{name}/password", "GET /api/admin/tokens",
                "POST /api/admin/tokens", "DELETE /api/admin/tokens/{token}", "GET /admin/accounts",
                "POST /admin/users", "POST /admin/users/{name}", "POST /admin/users/{name}/password",
                "POST /admin/users/{name}/delete", "POST /admin/tokens", "POST /admin/tokens/{token}/revoke",
                "GET /api/admin/reminders");
        table(c, "POST /api/actions/remind");
        table(a, "GET /api/audit", "POST /api/admin/backup", "POST /api/ingest/sources",
                "DELETE /api/ingest/sources/{name}",
                "POST /api/ingest/sources/{name}/run");
    }

    static void table(Access access, String... endpoints) {
        for (String e : endpoints) {
            TABLE.put(e, access);
        }
    }

    static final Instant T0 = Instant.parse("2024-02-02T02:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Accounts accounts;

    @Autowired
    Webhooks webhooks;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    final Map<Access, String> tokens = new TreeMap<>();

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-access-");
    }

    @BeforeAll
    void seed() {
        for (Access role : List.of(Access.VIEWER, Access.RESPONDER, Access.COMMANDER, Access.ADMIN)) {
            tokens.put(role,
                    "Bearer " + accounts.createToken("access-" + role.name().toLowerCase(Locale.ROOT),
                            Role.valueOf(role.name())));
        }
        incidents.create(new NewIncident("OPEN-1", "open", T0, T0.plusSeconds(3600), Severity.SEV3, null, null, false,
                Set.of()), Viewer.LOCAL_ADMIN);
        incidents.create(new NewIncident("SEC-1", "restricted", T0, T0.plusSeconds(3600), Severity.SEV1, null, null,
                true, Set.of("someone")), Viewer.LOCAL_ADMIN);
        store.append(
                new EventBatch(List.of(Event.builder("jsonl", EventKind.NOTE, T0, "open note").dedupKey("o1").build()),
                        List.of(), "OPEN-1", null, Viewer.LOCAL_ADMIN));
        store.append(new EventBatch(
                List.of(Event.builder("jsonl", EventKind.NOTE, T0, "secret note").dedupKey("s1").build()), List.of(),
                "SEC-1", null, Viewer.LOCAL_ADMIN));
        for (String incident : List.of("OPEN-1", "SEC-1")) {
            String file = incident.startsWith("SEC") ? "secret.jsonl" : "open.jsonl";
            store.append(new EventBatch(List.of(), List.of(new DeadLetter(file + "#1", "jsonl",
                    "line 1: not valid JSON", "{".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new DeadLetter.Replay(file, new byte[0], new byte[0], incident, null, java.time.ZoneOffset.UTC,
                            null, null))),
                    incident, null, Viewer.LOCAL_ADMIN));
        }
    }

    /**
     * "METHOD /path/{var}" for every handler method the application maps (framework error and doc endpoints aside).
     * Each declared hook's exact path is the {@code /hooks/{hook}} endpoint, registered again only to be found faster.
     */
    List<String> mapped() {
        Set<String> endpoints = new TreeSet<>();
        Set<String> declaredHooks = new java.util.HashSet<>();
        webhooks.hooks().forEach(hook -> declaredHooks.add("POST /hooks/" + hook));
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error") || pattern.startsWith("/v3/api-docs")
                        || pattern.startsWith("/swagger-ui")) {
                    continue;
                }
                String normalized = pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String endpoint = m.name() + " " + normalized;
                    endpoints.add(declaredHooks.contains(endpoint) ? "POST /hooks/{hook}" : endpoint);
                }
            }
        }
        return List.copyOf(endpoints);
    }

    @Test
    void everyEndpointHasAnEntryInTheAccessTable() {
        List<String> missing = mapped().stream().filter(e -> !TABLE.containsKey(e)).toList();
        assertThat(missing).as("endpoints without an access rule: add them to AccessTableTests.TABLE").isEmpty();
        List<String> stale = TABLE.keySet().stream().filter(e -> !mapped().contains(e)).toList();
        assertThat(stale).as("table entries for endpoints that no longer exist").isEmpty();
    }

    @Test
    void everyRoleGetsExactlyTheAccessTheTableGives() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : mapped()) {
            Access needed = TABLE.get(endpoint);
            if (needed == null || needed == Access.PUBLIC) {
                continue;
            }
            // nobody signed in: the API says 401 (403 for a write without a CSRF token), a page sends to the sign-in form
            MockHttpServletResponse anonymous = call(endpoint, "OPEN-1", null);
            if (!(anonymous.getStatus() == 401 || anonymous.getStatus() == 403 || (anonymous.getStatus() == 302
                    && String.valueOf(anonymous.getRedirectedUrl()).endsWith("/login")))) {
                wrong.add("anonymous " + endpoint + " -> " + anonymous.getStatus());
            }
            for (Access role : tokens.keySet()) {
                int status = call(endpoint, "OPEN-1", tokens.get(role)).getStatus();
                boolean allowed = role.ordinal() >= needed.ordinal();
                if (allowed == (status == 401 || status == 403)) {
                    wrong.add(role + " " + endpoint + " -> " + status + " (needs " + needed + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRestrictedIncidentLooksLikeNoIncidentOnEveryIncidentEndpointForNonMembers() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String endpoint : mapped()) {
            if (!endpoint.contains("{key}") || TABLE.get(endpoint) == Access.ADMIN) {
                continue;
            }
            // indistinguishable from an incident that does not exist, and never a success
            int status = call(endpoint, "SEC-1", tokens.get(Access.COMMANDER)).getStatus();
            int missing = call(endpoint, "NO-SUCH-1", tokens.get(Access.COMMANDER)).getStatus();
            if (status != missing || status < 400) {
                leaks.add(endpoint + " -> " + status + " (an unknown incident gives " + missing + ")");
            }
        }
        assertThat(leaks).as("a non-member commander must not learn anything about SEC-1").isEmpty();
        assertThat(call("GET /api/incidents/{key}", "SEC-1", tokens.get(Access.ADMIN)).getStatus()).isEqualTo(200);
    }

    /**
     * The leaks of endpoints that do not name the incident in their path: search hits, totals and facets, the incident
     * list and its counts, dead letters of an import into it, a declaration with its key, and curating or attaching its
     * evidence through an open incident. A non-member commander learns nothing that an unknown key would not tell.
     */
    @Test
    void nonMembersLearnNothingAboutARestrictedIncidentWhereItsKeyIsNotInThePath() throws Exception {
        String commander = tokens.get(Access.COMMANDER);
        String search = body(get("/api/search?q=note"), commander, 200);
        assertThat(search).contains("open note").doesNotContain("secret note", "SEC-1");
        assertThat(body(get("/api/incidents"), commander, 200)).contains("OPEN-1").doesNotContain("SEC-1");
        assertThat(body(get("/api/dashboard"), commander, 200)).contains("OPEN-1").doesNotContain("SEC-1");
        assertThat(body(get("/api/search?q=secret%20OR%20SEC&type=incident"), commander, 200))
                .doesNotContain("SEC-1");
        assertThat(body(get("/api/dead-letters?pending=false"), commander, 200)).contains("open.jsonl")
                .doesNotContain("secret.jsonl", "SEC-1");

        // a taken key is all anyone learns, and it reads the same for an incident one may see
        String declare = "{\"key\":\"%s\",\"title\":\"t\",\"from\":\"2024-02-02T02:00:00Z\",\"to\":\"2024-02-02T03:00:00Z\"}";
        String hidden = body(post("/api/incidents", declare.replace("%s", "SEC-1")), commander, 409);
        String visible = body(post("/api/incidents", declare.replace("%s", "OPEN-1")), commander, 409);
        assertThat(hidden.replace("SEC-1", "KEY")).isEqualTo(visible.replace("OPEN-1", "KEY"));

        // its evidence cannot be curated or attached through an open incident: no such entry, as for an unknown one
        String secretEntry = EventId.of("jsonl", "s1");
        for (String entry : List.of(secretEntry, EventId.of("jsonl", "nope"))) {
            body(MockMvcRequestBuilders.patch("/api/incidents/OPEN-1/entries/" + entry)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"pinned\":true}"), commander, 404);
        }
        mvc.perform(MockMvcRequestBuilders.post("/incidents/OPEN-1/attach").param("event", secretEntry)
                .header("Authorization", commander)).andReturn();
        assertThat(body(get("/api/incidents/OPEN-1/timeline"), commander, 200)).doesNotContain("secret note");
    }

    private static MockHttpServletRequestBuilder get(String path) {
        return MockMvcRequestBuilders.get(path).accept(MediaType.APPLICATION_JSON);
    }

    private static MockHttpServletRequestBuilder post(String path, String json) {
        return MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(json)
                .accept(MediaType.APPLICATION_JSON);
    }

    private String body(MockHttpServletRequestBuilder request, String authorization, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.header("Authorization", authorization)).andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private MockHttpServletResponse call(String endpoint, String key, String authorization) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replace("{key}", key)
                .replace("{entryId}", EventId.of("jsonl", key.equals("SEC-1") ? "s1" : "o1"))
                .replace("{id}", "1").replace("{name}", "nope").replace("{token}", "nope").replace("{hook}", "generic");
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(parts[0]), path)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MediaType.ALL);
        if (!parts[0].equals("GET") && !parts[0].equals("DELETE")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (endpoint.contains("/export")) {
            request.param("format", "md");
        }
        if (endpoint.contains("/diff")) {
            request.param("from", "1").param("to", "2");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
