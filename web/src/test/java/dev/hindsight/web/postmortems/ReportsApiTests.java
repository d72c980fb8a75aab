package dev.hindsight.web.postmortems;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
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

/** The post-mortem's review cycle, lessons turned into tracked action items, and who may do what with them. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTests {

    static final Instant T0 = Instant.parse("2025-01-10T09:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    String commander;
    String responder;
    String viewer;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-reports-");
    }

    @BeforeAll
    void seed() {
        commander = "Bearer " + accounts.createToken("cmd", Role.COMMANDER);
        responder = "Bearer " + accounts.createToken("resp", Role.RESPONDER);
        viewer = "Bearer " + accounts.createToken("view", Role.VIEWER);
        accounts.addUser("rita", Role.RESPONDER, "rita-password-long");
        incidents.create(new NewIncident("DB-1", "Primary database failover", T0, T0.plusSeconds(7200), Severity.SEV2,
                null, "cmd", false, Set.of()), Viewer.LOCAL_ADMIN);
        incidents.create(new NewIncident("SEC-9", "Leaked key", T0, T0.plusSeconds(7200), Severity.SEV1, null, "cmd",
                true, Set.of("token:cmd")), Viewer.LOCAL_ADMIN);
        store.append(new EventBatch(List.of(
                Event.builder("alertmanager", EventKind.ALERT_FIRING, T0, "PostgresReplicationLag db1").host("db1")
                        .dedupKey("a1").build(),
                Event.builder("pagerduty", EventKind.PAGE_TRIGGERED, T0.plusSeconds(60), "Replication lag on db1")
                        .host("db1").dedupKey("p1").build(),
                Event.builder("pagerduty", EventKind.PAGE_ACKNOWLEDGED, T0.plusSeconds(300), "Acknowledged by ann")
                        .host("db1").dedupKey("p2").build(),
                Event.builder("alertmanager", EventKind.ALERT_RESOLVED, T0.plusSeconds(3600),
                        "PostgresReplicationLag db1").host("db1").dedupKey("a2").build()),
                List.of(), "DB-1", null, Viewer.LOCAL_ADMIN));
    }

    @Test
    void aDraftIsWrittenThenEditedReviewedPublishedAndDiffed() throws Exception {
        mvc.perform(get("/api/incidents/DB-1/postmortem").header("Authorization", viewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.sections.SUMMARY").value(containsString("lasted 1 h")))
                .andExpect(
                        jsonPath("$.sections.WENT_WELL").value(containsString("acknowledged the page within 5 min")));

        String edit = "{\"sections\":{\"ROOT_CAUSE\":\"Disk full on db1.\",\"LESSONS\":\"- Alert on disk at 80%\\n- Rehearse failover monthly\"}}";
        mvc.perform(put("/api/incidents/DB-1/postmortem").header("Authorization", responder)
                .contentType(MediaType.APPLICATION_JSON).content(edit))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/incidents/DB-1/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content(edit))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.status").value("DRAFT"));
        // publishing takes an approval of this text by someone other than its author
        mvc.perform(post("/api/incidents/DB-1/postmortem/status").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"PUBLISHED\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("takes 1 approval")));
        mvc.perform(post("/api/incidents/DB-1/postmortem/reviewers").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reviewers\":[\"nobody-here\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("no user named nobody-here")));
        mvc.perform(post("/api/incidents/DB-1/postmortem/reviewers").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reviewers\":[\"rita\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_REVIEW"))
                .andExpect(jsonPath("$.reviewers[0].username").value("rita"))
                .andExpect(jsonPath("$.reviewers[0].approved").value(false))
                .andExpect(jsonPath("$.contentVersion").value(1))
                .andExpect(jsonPath("$.author").value("token:cmd"));
        mvc.perform(post("/api/incidents/DB-1/review/approve").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("someone else has to approve it")));
        mvc.perform(post("/api/incidents/DB-1/review/comments").with(user("rita").roles("RESPONDER")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"section\":\"LESSONS\",\"body\":\"Who owns the disk alert? @cmd\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mentions[0]").value("cmd"));
        mvc.perform(post("/api/incidents/DB-1/review/approve").with(user("rita").roles("RESPONDER")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"Clear and blameless.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reviewers[0].approved").value(true))
                .andExpect(jsonPath("$.currentApprovals").value(1));
        mvc.perform(get("/api/incidents/DB-1/review/comments").header("Authorization", viewer))
                .andExpect(jsonPath("$[0].section").value("LESSONS"))
                .andExpect(jsonPath("$[0].author").value("rita"));
        mvc.perform(post("/api/incidents/DB-1/postmortem/status").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"PUBLISHED\"}"))
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.publishedAt").exists());
        mvc.perform(put("/api/incidents/DB-1/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"sections\":{\"ROOT_CAUSE\":\"WAL volume full on db1.\"}}"))
                .andExpect(jsonPath("$.status").value("IN_REVIEW"))
                .andExpect(jsonPath("$.sections.LESSONS").value(containsString("Rehearse failover monthly")));
        mvc.perform(get("/api/incidents/DB-1/postmortem/versions").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains(4, 3, 2, 1)));
        // an editor who started from an older version is told what changed instead of overwriting it
        mvc.perform(put("/api/incidents/DB-1/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":1,\"sections\":{\"ROOT_CAUSE\":\"Old view of things.\"}}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("token:cmd saved version 4")))
                .andExpect(jsonPath("$.detail").value(containsString("also changing Root cause")));
        // the approval was of the text before this change: the new text needs its own
        mvc.perform(get("/api/incidents/DB-1/postmortem/review").header("Authorization", viewer))
                .andExpect(jsonPath("$.contentVersion").value(4))
                .andExpect(jsonPath("$.currentApprovals").value(0))
                .andExpect(jsonPath("$.approvals[0].current").value(false));
        // a change to another section merges, keeping the newer root cause
        mvc.perform(put("/api/incidents/DB-1/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":1,\"sections\":{\"SUMMARY\":\"The primary filled its WAL volume.\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(5))
                .andExpect(jsonPath("$.sections.ROOT_CAUSE").value("WAL volume full on db1."))
                .andExpect(jsonPath("$.sections.SUMMARY").value("The primary filled its WAL volume."));
        mvc.perform(get("/api/incidents/DB-1/postmortem/diff").param("from", "1").param("to", "4")
                .header("Authorization", viewer))
                .andExpect(jsonPath("$[?(@.change == 'REMOVED')].text").value(hasItem("Disk full on db1.")))
                .andExpect(jsonPath("$[?(@.change == 'ADDED')].text").value(hasItem("WAL volume full on db1.")));

        // lessons become action items once, not twice
        mvc.perform(post("/api/incidents/DB-1/actions/from-lessons").header("Authorization", viewer))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/incidents/DB-1/actions/from-lessons").header("Authorization", responder))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[*].title")
                        .value(org.hamcrest.Matchers.contains("Alert on disk at 80%", "Rehearse failover monthly")));
        mvc.perform(post("/api/incidents/DB-1/actions/from-lessons").header("Authorization", responder))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void actionItemsKeepTheirHistoryShowOverdueAndFeedCalendarsAndJira() throws Exception {
        String body = "{\"title\":\"=cmd|' /C calc'!A0\",\"owner\":\"ann\",\"team\":\"dba\",\"type\":\"DETECT\",\"priority\":\"P1\",\"dueDate\":\"2025-02-01\"}";
        String created = mvc.perform(post("/api/incidents/DB-1/actions").header("Authorization", responder)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));

        mvc.perform(get("/api/actions").param("overdue", "true").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].id").value(hasItem((int) id)));
        mvc.perform(patch("/api/actions/" + id).header("Authorization", viewer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"DONE\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(
                patch("/api/actions/" + id).header("Authorization", responder).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"trackerKey\":\"DBA-7\"}"))
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.closedAt").exists());
        mvc.perform(get("/api/actions/" + id + "/history").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].field")
                        .value(org.hamcrest.Matchers.contains("created", "status", "tracker_key")))
                .andExpect(jsonPath("$[1].from").value("OPEN"))
                .andExpect(jsonPath("$[1].actor").value("token:resp"));
        mvc.perform(get("/api/actions").param("overdue", "true").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].id").value(not(hasItem((int) id))));

        String csv = mvc.perform(get("/api/actions").param("format", "csv").header("Authorization", viewer))
                .andExpect(content().contentTypeCompatibleWith("text/csv")).andReturn().getResponse()
                .getContentAsString();
        assertThat(csv).contains("'=cmd|").doesNotContain(",=cmd");
        mvc.perform(get("/api/actions").param("format", "ics").header("Authorization", viewer))
                .andExpect(content().contentTypeCompatibleWith("text/calendar"))
                .andExpect(content().string(containsString("DUE;VALUE=DATE:20250201")));
        mvc.perform(get("/api/actions").param("format", "jira-csv").header("Authorization", viewer))
                .andExpect(content()
                        .string(containsString("Summary,Description,Issue Type,Priority,Assignee,Due Date,Labels")));
        mvc.perform(get("/api/actions").param("format", "xml").header("Authorization", viewer))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aTeamsOwnTemplateDecidesTheSectionsTheirOrderAndHeadings() throws Exception {
        incidents.create(new NewIncident("DB-2", "Replica lag", T0, T0.plusSeconds(600), Severity.SEV4, null, "cmd",
                false, Set.of()), Viewer.LOCAL_ADMIN);
        String shortTemplate = """
                {"name": "short", "sections": [
                  {"section": "SUMMARY", "heading": "What happened", "guidance": "Two sentences."},
                  {"section": "ROOT_CAUSE", "heading": "Why it happened", "guidance": "Systems, not people."},
                  {"section": "LESSONS", "heading": "What we will change", "guidance": "One line each."}]}""";
        mvc.perform(post("/api/postmortem-templates").header("Authorization", responder)
                .contentType(MediaType.APPLICATION_JSON).content(shortTemplate))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/postmortem-templates").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON).content(shortTemplate))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/postmortem-templates").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"name\":\"Bad Name\",\"sections\":[{\"section\":\"SUMMARY\",\"heading\":\"x\",\"guidance\":\"\"}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/postmortem-templates").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"name\":\"twice\",\"sections\":[{\"section\":\"SUMMARY\",\"heading\":\"a\",\"guidance\":\"\"},"
                                + "{\"section\":\"SUMMARY\",\"heading\":\"b\",\"guidance\":\"\"}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/postmortem-templates").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.contains("default", "short")));

        mvc.perform(put("/api/incidents/DB-2/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"template\":\"nope\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/incidents/DB-2/postmortem").header("Authorization", commander)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"template\":\"short\",\"sections\":{\"ROOT_CAUSE\":\"A long-running query held a lock.\"}}"))
                .andExpect(jsonPath("$.template").value("short"));
        String md = mvc.perform(get("/api/incidents/DB-2/export").param("format", "md").header("Authorization", viewer))
                .andReturn().getResponse().getContentAsString();
        assertThat(md).contains("## What happened", "## Why it happened\n\nA long-running query held a lock.",
                "## What we will change",
                "## Response metrics").doesNotContain("## Where we got lucky", "## Root cause");
        assertThat(md.indexOf("## What happened")).isLessThan(md.indexOf("## Response metrics"));
        assertThat(md.indexOf("## Response metrics")).isLessThan(md.indexOf("## Why it happened"));
    }

    @Test
    void restrictedIncidentsReportsAndItemsStayHidden() throws Exception {
        String admin = "Bearer " + accounts.createToken("adm", Role.ADMIN);
        String created = mvc
                .perform(post("/api/incidents/SEC-9/actions").header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Rotate every key\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
        mvc.perform(get("/api/incidents/SEC-9/postmortem").header("Authorization", viewer))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/incidents/SEC-9/export").param("format", "md").header("Authorization", viewer))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/actions").header("Authorization", viewer))
                .andExpect(jsonPath("$[*].title").value(not(hasItem("Rotate every key"))));
        mvc.perform(get("/api/actions/" + id + "/history").header("Authorization", viewer))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/incidents/SEC-9/export").param("format", "md").header("Authorization", commander))
                .andExpect(status().isOk());
        mvc.perform(get("/api/audit").header("Authorization", admin))
                .andExpect(jsonPath("$[?(@.action == 'export')].target").value(hasItem("SEC-9")));
    }
}
