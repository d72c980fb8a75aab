package dev.hindsight.web.actions;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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

/** An action item becomes a Jira issue through Jira's REST API (stubbed from its published schema); the key is kept. */
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
