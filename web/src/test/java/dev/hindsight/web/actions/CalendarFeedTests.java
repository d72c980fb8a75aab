package dev.hindsight.web.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VToDo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A calendar app subscribes to a secret feed URL (it cannot sign in): the owner's items of incidents they may see,
 * each open one with an alarm the day before it is due, read back with iCal4j; revoked, the URL answers 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CalendarFeedTests {

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
        TestDataDirectory.register(registry, "hindsight-calendar-");
    }

    @Test
    void aSubscribedCalendarGetsTheOwnersItemsWithAlarmsUntilTheFeedIsRevoked() throws Exception {
        Instant t0 = Instant.parse("2026-04-01T10:00:00Z");
        accounts.addUser("cora", Role.RESPONDER, "cora's long password");
        String token = "Bearer " + accounts.createToken("cora-cli", Role.RESPONDER, "cora", null);
        incidents.create(new NewIncident("CAL-1", "Disk full", t0, t0.plusSeconds(3600), Severity.SEV3, null, null,
                false, Set.of()), Viewer.LOCAL_ADMIN);
        incidents.create(new NewIncident("CAL-2", "Secret", t0, t0.plusSeconds(3600), Severity.SEV1, null, null, true,
                Set.of("someone-else")), Viewer.LOCAL_ADMIN);
        ActionItem open = item("CAL-1", "Alert at 80% disk", LocalDate.parse("2026-05-01"));
        ActionItem done = item("CAL-1", "Grow the volume", LocalDate.parse("2026-04-02"));
        actions.change(done.id(), new ActionItems.Change(null, null, null, null, null, null, ActionItem.Status.DONE,
                null), Viewer.LOCAL_ADMIN);
        item("CAL-2", "Rotate the key", LocalDate.parse("2026-04-03"));

        String created = mvc.perform(post("/api/me/calendars").header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString();
        String url = JsonMapper.builder().build().readTree(created).get("url").asString();

        // no sign-in: the secret in the URL is the credential
        String ics = mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        var todos = calendar.<VToDo>getComponents(Component.VTODO);
        assertThat(todos).extracting(t -> summary(t))
                .containsExactlyInAnyOrder("[CAL-1] Alert at 80% disk", "[CAL-1] Grow the volume");
        VToDo openTodo = todos.stream().filter(t -> summary(t).contains("80%")).findFirst()
                .orElseThrow();
        assertThat(openTodo.getProperty(Property.UID).orElseThrow().getValue())
                .isEqualTo("action-item-" + open.id() + "@hindsight");
        var alarms = openTodo.<VAlarm>getComponents(Component.VALARM);
        assertThat(alarms).singleElement().satisfies(a -> {
            assertThat(a.getProperty(Property.TRIGGER).orElseThrow().getValue()).isEqualTo("-P1D");
            assertThat(a.getProperty(Property.TRIGGER).orElseThrow().getParameter("RELATED").orElseThrow().getValue())
                    .isEqualTo("END");
        });
        VToDo doneTodo = todos.stream().filter(t -> summary(t).contains("Grow")).findFirst()
                .orElseThrow();
        assertThat(doneTodo.<VAlarm>getComponents(Component.VALARM)).isEmpty();

        long id = accounts.findUser("cora").isPresent()
                ? JsonMapper.builder().build().readTree(mvc.perform(
                        get("/api/me/calendars").header("Authorization", token)).andReturn().getResponse()
                        .getContentAsString()).get(0).get("id").asLong()
                : -1;
        mvc.perform(delete("/api/me/calendars/" + id).header("Authorization", token)).andExpect(status().isNoContent());
        mvc.perform(get(url)).andExpect(status().isNotFound());
        mvc.perform(get("/calendar/not-a-feed.ics")).andExpect(status().isNotFound());
    }

    private static String summary(VToDo todo) {
        return todo.getProperty(Property.SUMMARY).orElseThrow().getValue();
    }

    private ActionItem item(String incident, String title, LocalDate due) {
        return actions.open(incident, new NewActionItem(incident, title, null, "cora", "sre", ActionItem.Type.DETECT,
                ActionItem.Priority.P2, due), Viewer.LOCAL_ADMIN);
    }
}
