package dev.hindsight.web.reminders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Reminders reach people: an owner's digest by e-mail through a real SMTP server (GreenMail), team summaries to
 * Slack, Microsoft Teams and Mattermost incoming webhooks (stubbed from their published payloads), retried when
 * busy, recorded when failing, and never sent twice for the same item and day.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RemindersTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Autowired
    Reminders reminders;

    @Autowired
    Deliveries deliveries;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    ActionItems actions;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-reminders-");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("hindsight.reminders.base-url", () -> "https://hindsight.example.org");
        registry.add("hindsight.reminders.channels[0].team", () -> "sre");
        registry.add("hindsight.reminders.channels[0].type", () -> "slack");
        registry.add("hindsight.reminders.channels[0].url", () -> chat.baseUrl() + "/slack/T0/B0/x");
        registry.add("hindsight.reminders.channels[1].team", () -> "sre");
        registry.add("hindsight.reminders.channels[1].type", () -> "teams");
        registry.add("hindsight.reminders.channels[1].url", () -> chat.baseUrl() + "/teams/workflow");
        registry.add("hindsight.reminders.channels[2].team", () -> "sre");
        registry.add("hindsight.reminders.channels[2].type", () -> "mattermost");
        registry.add("hindsight.reminders.channels[2].url", () -> chat.baseUrl() + "/mattermost/hooks/x");
    }

    @Test
    void ownersGetADigestTeamsASummaryAndNothingIsSentTwiceForTheSameItemAndDay() throws Exception {
        chat.stubFor(post(urlEqualTo("/slack/T0/B0/x")).willReturn(aResponse().withStatus(200).withBody("ok")));
        chat.stubFor(post(urlEqualTo("/teams/workflow")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("calm"));
        chat.stubFor(post(urlEqualTo("/teams/workflow")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(202)));
        chat.stubFor(post(urlEqualTo("/mattermost/hooks/x")).willReturn(aResponse().withStatus(500)));

        Instant t0 = Instant.parse("2026-05-01T10:00:00Z");
        accounts.addUser("alma", Role.RESPONDER, "alma's long password", "alma@example.org");
        accounts.addUser("bo", Role.RESPONDER, "bo's long password");
        incidents.create(new NewIncident("REM-1", "Queue backlog", t0, t0.plusSeconds(3600), Severity.SEV2, null,
                null, false, Set.of()), Viewer.LOCAL_ADMIN);
        incidents.create(new NewIncident("REM-2", "Quiet breach", t0, t0.plusSeconds(3600), Severity.SEV1, null,
                null, true, Set.of("someone-else")), Viewer.LOCAL_ADMIN);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ActionItem overdue = open("REM-1", "Alert on queue depth", "alma", today.minusDays(2));
        ActionItem soon = open("REM-1", "Add <!channel> a dead-letter queue", "alma", today.plusDays(1));
        open("REM-1", "Rewrite the consumer", "alma", today.plusDays(30)); // not due soon
        open("REM-2", "Rotate the leaked key", "alma", today); // alma may not see REM-2
        open("REM-1", "Document the queue", "bo", today); // bo has no e-mail address

        Reminders.Run run = reminders.run(true);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("alma@example.org");
        assertThat(mails[0].getSubject()).isEqualTo("Hindsight: 2 action items due soon, 1 overdue");
        String body = GreenMailUtil.getBody(mails[0]);
        assertThat(body).contains("OVERDUE since " + today.minusDays(2) + ": Alert on queue depth")
                .contains("https://hindsight.example.org/incidents/REM-1/postmortem#item-" + soon.id())
                .doesNotContain("Rotate the leaked key", "Rewrite the consumer");
        assertThat(run.notes()).contains("bo: no e-mail address");

        // the team channels: Slack's text, Teams' Adaptive Card after a 429, Mattermost failing three times
        chat.verify(1, postRequestedFor(urlEqualTo("/slack/T0/B0/x"))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("Alert on queue depth")))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("&lt;!channel&gt;"))));
        chat.verify(2, postRequestedFor(urlEqualTo("/teams/workflow")).withRequestBody(matchingJsonPath(
                "$.attachments[0].contentType", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "application/vnd.microsoft.card.adaptive"))));
        chat.verify(3, postRequestedFor(urlEqualTo("/mattermost/hooks/x")));
        assertThat(run.sent()).anyMatch(s -> s.startsWith("email:alma")).anyMatch(s -> s.startsWith("slack:sre"))
                .anyMatch(s -> s.startsWith("teams:sre"));
        assertThat(run.failed()).singleElement().asString().startsWith("mattermost:sre: the webhook answered 500");

        // again the same day: nothing is sent twice; only the failed delivery is tried again
        Reminders.Run again = reminders.run(true);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        chat.verify(1, postRequestedFor(urlEqualTo("/slack/T0/B0/x")));
        chat.verify(6, postRequestedFor(urlEqualTo("/mattermost/hooks/x")));
        assertThat(again.sent()).isEmpty();
        assertThat(deliveries.recent(50)).anyMatch(d -> d.recipient().equals("mattermost:sre")
                && d.status().equals("FAILED") && d.attempts() == 2 && d.error().contains("500"));
        assertThat(deliveries.recent(50)).anyMatch(d -> d.recipient().equals("email:alma")
                && d.itemId() == overdue.id() && d.status().equals("SENT"));

        String commander = "Bearer " + accounts.createToken("cmd", Role.COMMANDER);
        String viewer = "Bearer " + accounts.createToken("view", Role.VIEWER);
        mvc.perform(MockMvcRequestBuilders.post("/api/actions/remind").header("Authorization", viewer))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/api/actions/remind").header("Authorization", commander))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sent").isEmpty());
    }

    private ActionItem open(String incident, String title, String owner, LocalDate due) {
        return actions.open(incident, new NewActionItem(incident, title, null, owner, "sre", ActionItem.Type.PREVENT,
                ActionItem.Priority.P2, due), Viewer.LOCAL_ADMIN);
    }
}
