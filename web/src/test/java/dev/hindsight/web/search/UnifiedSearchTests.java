package dev.hindsight.web.search;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.postmortem.PostMortemReviews;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.records.RecordIndex;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.search.timeline.Curation;
import dev.hindsight.search.timeline.CurationEdit;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/**
 * One search over everything: a word written only in a post-mortem, an action item, a note or a comment is found,
 * labelled with its type and linked to its place; a restricted incident's words only by its members.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnifiedSearchTests {

    static final Instant T0 = Instant.parse("2025-02-03T04:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    @Autowired
    PostMortems postMortems;

    @Autowired
    PostMortemReviews reviews;

    @Autowired
    ActionItems actions;

    @Autowired
    Curation curation;

    @Autowired
    RecordIndex records;

    @Autowired
    dev.hindsight.search.internal.index.LuceneIndex index;

    String member;
    String outsider;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-unified-search-");
    }

    @BeforeAll
    void seed() throws Exception {
        member = "Bearer " + accounts.createToken("member", Role.RESPONDER);
        outsider = "Bearer " + accounts.createToken("outsider", Role.RESPONDER);
        Viewer admin = Viewer.LOCAL_ADMIN;
        incidents.create(new NewIncident("OPEN-7", "Queue backlog", T0, T0.plusSeconds(3600), Severity.SEV2, null,
                null, false, Set.of()), admin);
        incidents.create(new NewIncident("HUSH-7", "Credential exposure", T0, T0.plusSeconds(3600), Severity.SEV1,
                null, null, true, Set.of("token:member")), admin);
        Event alert = Event.builder("alertmanager", EventKind.ALERT_FIRING, T0.plusSeconds(60), "QueueDepthHigh")
                .host("mq1").dedupKey("q1").build();
        store.append(new EventBatch(List.of(alert), List.of(), "OPEN-7", null, admin));

        postMortems.save("OPEN-7", new PostMortems.Edit(Map.of(Section.ROOT_CAUSE,
                "A consumer stalled on a zanzibar message."), null, null), admin);
        actions.open("OPEN-7", new NewActionItem("OPEN-7", "Add a quokka dead-letter queue", null, "sam", "platform",
                ActionItem.Type.PREVENT, ActionItem.Priority.P2, null), admin);
        curation.edit("OPEN-7", alert.id(), List.of(new CurationEdit.Annotate("First xylophone sign of trouble")),
                admin);
        reviews.comment("OPEN-7", Section.ROOT_CAUSE, null, "Say why the marmalade consumer stalled", admin);
        postMortems.save("HUSH-7", new PostMortems.Edit(Map.of(Section.SUMMARY,
                "The pangolin key leaked in a build log."), null, null), admin);
        index.refresh(); // events are searchable once the index has taken them in
    }

    @Test
    void aWordWrittenOnlyInAPostMortemAnItemANoteOrACommentIsFoundWithItsType() throws Exception {
        expectOnly("zanzibar", "post-mortem", "/incidents/OPEN-7/postmortem#section-ROOT_CAUSE");
        expectOnly("quokka", "action-item", "/incidents/OPEN-7/postmortem#item-");
        expectOnly("xylophone", "annotation", "/incidents/OPEN-7#e-");
        expectOnly("marmalade", "comment", "/incidents/OPEN-7/postmortem#comment-");
        expectOnly("backlog", "incident", "/incidents/OPEN-7");
    }

    @Test
    void eventsAndRecordsShareOneResultWithATypeFacetAndATypeFilter() throws Exception {
        mvc.perform(get("/api/search").param("q", "QueueDepthHigh OR xylophone").header("Authorization", member))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.facets.type.event").value(1))
                .andExpect(jsonPath("$.facets.type.annotation").value(1))
                .andExpect(jsonPath("$.hits[*].type").value(contains("annotation", "event")))
                .andExpect(jsonPath("$.hits[1].kind").value("ALERT_FIRING"));
        mvc.perform(get("/api/search").param("q", "QueueDepthHigh OR xylophone").param("type", "event")
                .header("Authorization", member))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.hits[0].type").value("event"));
        mvc.perform(get("/api/search").param("q", "x").param("type", "memo").header("Authorization", member))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("unknown type 'memo'")));
    }

    @Test
    void aRestrictedIncidentsWordsAreFoundByItsMembersOnly() throws Exception {
        mvc.perform(get("/api/search").param("q", "pangolin").header("Authorization", member))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.hits[0].incident").value("HUSH-7"));
        mvc.perform(get("/api/search").param("q", "pangolin OR exposure").header("Authorization", outsider))
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.hits").isEmpty())
                .andExpect(jsonPath("$.facets.type").isEmpty());
    }

    @Test
    void theSearchIsRebuiltFromTheDatabaseAfterAStart() throws Exception {
        records.invalidate(); // what a restart does: nothing of the record search survives but the database
        expectOnly("quokka", "action-item", "/incidents/OPEN-7/postmortem#item-");
        expectOnly("marmalade", "comment", "/incidents/OPEN-7/postmortem#comment-");
    }

    @Test
    void aSavedSearchIsKeptForItsOwnerOrSharedAndOnlyItsOwnerDeletesIt() throws Exception {
        String created = mvc.perform(post("/api/saved-searches").header("Authorization", member)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Backlogs\",\"query\":\"q=backlog&type=post-mortem&evil=1\",\"shared\":true}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.query").value("q=backlog&type=post-mortem"))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
        mvc.perform(get("/api/saved-searches").header("Authorization", outsider))
                .andExpect(jsonPath("$[0].name").value("Backlogs"))
                .andExpect(jsonPath("$[0].owner").value("token:member"));
        mvc.perform(delete("/api/saved-searches/" + id).header("Authorization", outsider))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/saved-searches/" + id).header("Authorization", member))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/saved-searches").header("Authorization", member)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"query\":\"q=x\"}"))
                .andExpect(status().isBadRequest());
    }

    private void expectOnly(String word, String type, String linkStart) throws Exception {
        mvc.perform(get("/api/search").param("q", word).header("Authorization", member))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.hits[0].type").value(type))
                .andExpect(jsonPath("$.hits[0].incident").value("OPEN-7"))
                .andExpect(jsonPath("$.hits[0].link").value(org.hamcrest.Matchers.startsWith(linkStart)))
                .andExpect(jsonPath("$.hits[0].snippet").value(containsString("<mark>")));
    }
}
