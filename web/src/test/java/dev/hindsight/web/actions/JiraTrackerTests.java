package dev.hindsight.web.actions;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Jira both ways, against a stub of Jira's REST API (from its published schema) and real webhook deliveries: an
 * action item becomes one issue and keeps its key; later changes of summary, due date and priority go out; the
 * issue's status comes back through the signed webhook; a forged delivery changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class JiraTrackerTests {

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    ActionItems actions;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-jira-");
        registry.add("hindsight.reporting.jira.base-url", jira::baseUrl);
        registry.add("hindsight.reporting.jira.project", () -> "OPS");
        registry.add("hindsight.reporting.jira.user", () -> "bot@example.com");
        registry.add("hindsight.reporting.jira.token", () -> "secret-token");
        registry.add("hindsight.reporting.jira.webhook-secret", () -> WEBHOOK_SECRET);
    }

    static final String WEBHOOK_SECRET = "It's a Secret to Everybody";

    @Test
    void changesGoOutToTheIssueAndItsStatusComesBackSignedOnly() throws Exception {
        Instant t0 = Instant.parse("2017-01-30T17:00:00Z");
        incidents.create(new NewIncident("LP-J2", "queue outage", t0, t0.plusSeconds(3600), Severity.SEV2, null,
                null, false, Set.of()), Viewer.LOCAL_ADMIN);
        ActionItem item = actions.open("LP-J2", new NewActionItem("LP-J2", "Fix That", null, "alex", "sre",
                ActionItem.Type.PREVENT, ActionItem.Priority.P3, null), Viewer.LOCAL_ADMIN);
        actions.change(item.id(), new ActionItems.Change(null, null, null, null, null, null, null, "TEST-1"),
                Viewer.LOCAL_ADMIN);
        jira.stubFor(put(urlEqualTo("/rest/api/2/issue/TEST-1")).willReturn(aResponse().withStatus(204)));

        // out: summary, due date and priority, once the change is committed
        actions.change(item.id(), new ActionItems.Change("Fix that for good", null, null, null,
                ActionItem.Priority.P1, "2017-02-15", null, null), Viewer.LOCAL_ADMIN);
        jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/2/issue/TEST-1"))
                .withHeader("Authorization", equalTo("Basic Ym90QGV4YW1wbGUuY29tOnNlY3JldC10b2tlbg=="))
                .withRequestBody(equalToJson("""
                        {"fields": {"summary": "Fix that for good", "duedate": "2017-02-15",
                         "priority": {"name": "Highest"}}}""")));
        ActionItem sent = actions.find(item.id(), Viewer.LOCAL_ADMIN);
        org.assertj.core.api.Assertions.assertThat(sent.trackerSyncedAt()).isNotNull();
        org.assertj.core.api.Assertions.assertThat(sent.trackerSyncError()).isNull();
        // an owner change is not Jira's business: nothing more goes out
        actions.change(item.id(), new ActionItems.Change(null, "sam", null, null, null, null, null, null),
                Viewer.LOCAL_ADMIN);
        jira.verify(1, putRequestedFor(urlEqualTo("/rest/api/2/issue/TEST-1")));

        // Jira down: the change stands, the failure is kept on the item and shown with it
        jira.stubFor(put(urlEqualTo("/rest/api/2/issue/TEST-1")).willReturn(aResponse().withStatus(503)
                .withBody("maintenance")));
        actions.change(item.id(), new ActionItems.Change(null, null, null, null, ActionItem.Priority.P2, null, null,
                null), Viewer.LOCAL_ADMIN);
        ActionItem failed = actions.find(item.id(), Viewer.LOCAL_ADMIN);
        org.assertj.core.api.Assertions.assertThat(failed.priority()).isEqualTo(ActionItem.Priority.P2);
        org.assertj.core.api.Assertions.assertThat(failed.trackerSyncError()).contains("HTTP 503");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/actions").header("Authorization", "Bearer " + accounts.createToken("jira-v", Role.VIEWER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page).contains(jira.baseUrl() + "/browse/TEST-1",
                "last sync failed: Jira refused the change to TEST-1 (HTTP 503)");

        // in: a real delivery (Zulip's fixture of Jira Cloud moving TEST-1 to In Progress), signed with the secret
        byte[] delivery = getClass().getResourceAsStream("/realfiles/jira/zulip-change_status_v2.json")
                .readAllBytes();
        mvc.perform(jiraHook(delivery, sign(WEBHOOK_SECRET, delivery))).andExpect(status().isOk())
                .andExpect(jsonPath("$.item").value(item.id()))
                .andExpect(jsonPath("$.status").value("IN_PROGRESS"));
        // derived from it: the issue resolved as Done, then closed as Won't Do
        byte[] done = new String(delivery, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"key\": \"indeterminate\"", "\"key\": \"done\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        mvc.perform(jiraHook(done, sign(WEBHOOK_SECRET, done))).andExpect(jsonPath("$.status").value("DONE"));
        byte[] wontDo = new String(done, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"resolution\": null", "\"resolution\": {\"name\": \"Won't Do\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        mvc.perform(jiraHook(wontDo, sign(WEBHOOK_SECRET, wontDo))).andExpect(jsonPath("$.status").value("WONT_DO"));
        org.assertj.core.api.Assertions.assertThat(actions.history(item.id(), Viewer.LOCAL_ADMIN))
                .anySatisfy(c -> org.assertj.core.api.Assertions.assertThat(c.actor()).isEqualTo("jira"));

        // forged or unsigned: 401, and the item stays as it is
        mvc.perform(jiraHook(delivery, sign("a guess", delivery))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("the delivery's signature does not match"));
        mvc.perform(jiraHook(delivery, null)).andExpect(status().isUnauthorized());
        org.assertj.core.api.Assertions.assertThat(actions.find(item.id(), Viewer.LOCAL_ADMIN).status())
                .isEqualTo(ActionItem.Status.WONT_DO);
    }

    private static org.springframework.test.web.servlet.RequestBuilder jiraHook(byte[] body,
            @org.jspecify.annotations.Nullable String signature) {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/hooks/jira")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body);
        return signature == null ? request : request.header("X-Hub-Signature", signature);
    }

    private static String sign(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void anActionItemBecomesOneJiraIssueAndKeepsItsKey() throws Exception {
        Instant t0 = Instant.parse("2014-08-12T07:50:00Z");
        incidents.create(new NewIncident("LP-J", "dc outage", t0, t0.plusSeconds(3600), Severity.SEV1, null, null,
                false, Set.of()), Viewer.LOCAL_ADMIN);
        ActionItem item = actions.open("LP-J", new NewActionItem("LP-J", "Add a port-speed check",
                "Monitoring checks verify port speed", "alex", "sre",
                ActionItem.Type.DETECT, ActionItem.Priority.P1, LocalDate.parse("2014-08-29")), Viewer.LOCAL_ADMIN);
        jira.stubFor(post(urlEqualTo("/rest/api/2/issue"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"10042\",\"key\":\"OPS-42\",\"self\":\"" + jira.baseUrl()
                                + "/rest/api/2/issue/10042\"}")));
        String responder = "Bearer " + accounts.createToken("jira-responder", Role.RESPONDER);

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/actions/" + item.id() + "/jira")
                .header("Authorization", responder))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.trackerKey").value("OPS-42"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/actions/" + item.id() + "/jira")
                .header("Authorization", responder))
                .andExpect(jsonPath("$.trackerKey").value("OPS-42"));

        jira.verify(1, postRequestedFor(urlEqualTo("/rest/api/2/issue"))
                .withHeader("Authorization", equalTo("Basic Ym90QGV4YW1wbGUuY29tOnNlY3JldC10b2tlbg=="))
                .withRequestBody(equalToJson(
                        """
                                {"fields": {"project": {"key": "OPS"}, "summary": "Add a port-speed check", "issuetype": {"name": "Task"},
                                 "priority": {"name": "Highest"}, "duedate": "2014-08-29", "labels": ["postmortem", "LP-J"]}}""",
                        true, true)));

        // Jira says no: the caller learns why, nothing is stored
        ActionItem other = actions.open("LP-J", new NewActionItem("LP-J", "Second item", null, null, null,
                ActionItem.Type.PROCESS, ActionItem.Priority.P3, null), Viewer.LOCAL_ADMIN);
        jira.stubFor(post(urlEqualTo("/rest/api/2/issue"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessages\":[],\"errors\":{\"project\":\"project is required\"}}")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/actions/" + other.id() + "/jira")
                .header("Authorization", responder))
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("project is required")));
        org.assertj.core.api.Assertions.assertThat(actions.find(other.id(), Viewer.LOCAL_ADMIN).trackerKey()).isNull();
    }
}
