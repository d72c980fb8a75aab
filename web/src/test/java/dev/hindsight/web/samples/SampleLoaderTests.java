package dev.hindsight.web.samples;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.timeline.Timelines;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.util.TreeMap;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server's first start on an empty data directory opens on the sample incidents, imported from their raw files. */
@SpringBootTest(properties = "hindsight.mode=serve")
@AutoConfigureMockMvc
class SampleLoaderTests {

    @Autowired
    Timelines timelines;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    static Path data;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    EventRows events;

    @Autowired
    DeadLetterStore deadLetters;

    @Autowired
    EventSearch search;

    @Autowired
    LuceneIndex index;

    @Autowired
    SampleLoader loader;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        data = TestDataDirectory.register(registry, "hindsight-samples-");
    }

    @Test
    void theLastPassOutageAndABadDeployAreLoadedWithoutASingleRejection() throws Exception {
        List<IncidentSummary> list = incidents.list(Viewer.LOCAL_ADMIN);
        assertThat(list).extracting(IncidentSummary::key).containsExactlyInAnyOrder("LP-2014-08-12", "CHK-2026-03-10");
        assertThat(list).allSatisfy(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
        assertThat(deadLetters.list(Viewer.LOCAL_ADMIN, false, 10)).isEmpty();
        assertThat(events.count()).isEqualTo(158);
        assertThat(incidents.eventCounts(Viewer.LOCAL_ADMIN)).containsEntry("LP-2014-08-12", 82L)
                .containsEntry("CHK-2026-03-10", 16L);
        assertThat(data.resolve("samples/lp-2014-08-12/northwind-noc.mbox")).isRegularFile();

        index.refresh();
        var gigabit = search.search(new SearchQuery("\"100Mbps\" OR \"100 Mbps\"", null, null, Map.of(), 50, 0,
                SearchQuery.Sort.TIME), Viewer.LOCAL_ADMIN);
        assertThat(gigabit.total()).isGreaterThanOrEqualTo(3);
        var rfo = search
                .search(new SearchQuery("512,000 prefixes", null, null, Map.of("kind", Set.of("PROVIDER_NOTICE")), 5, 0,
                        SearchQuery.Sort.DEFAULT), Viewer.LOCAL_ADMIN);
        assertThat(rfo.hits()).singleElement().satisfies(h -> assertThat(h.title()).startsWith("RFO – Ticket 884213"));

        loader.run(null); // a later start: the data directory is not empty, nothing is loaded twice
        assertThat(events.count()).isEqualTo(158);
    }

    /** The golden timeline: moments from the company's own account, key entries in, noise out. */
    @Test
    void theLastPassTimelineMatchesTheGoldenOne() throws Exception {
        JsonNode golden;
        try (var in = getClass().getResourceAsStream("/dev/hindsight/samples/expected/LP-2014-08-12.timeline.json")) {
            golden = JsonMapper.builder().build().readTree(in);
        }
        Timeline t = timelines.timeline("LP-2014-08-12", Viewer.LOCAL_ADMIN);

        Map<String, String> moments = new TreeMap<>();
        t.moments().forEach(m -> moments.put(m.kind().name(), m.at().toString()));
        Map<String, String> expected = new TreeMap<>();
        golden.get("moments").properties().forEach(e -> expected.put(e.getKey(), e.getValue().asString()));
        assertThat(moments).isEqualTo(expected);

        List<String> storylines = t.storylines().stream().map(Timeline.Storyline::title).toList();
        golden.get("storylines").forEach(s -> assertThat(storylines).anyMatch(title -> title.startsWith(s.asString())));
        List<String> titles = t.entries().stream().map(Timeline.Entry::title).toList();
        golden.get("entries").forEach(e -> assertThat(titles).contains(e.asString()));
        golden.get("absent").forEach(e -> assertThat(titles).doesNotContain(e.asString()));
        Set<String> findings = t.findings().stream().map(f -> f.type().name())
                .collect(java.util.stream.Collectors.toSet());
        golden.get("findings").forEach(f -> assertThat(findings).contains(f.asString()));
        assertThat(t.findings())
                .anySatisfy(f -> assertThat(f.message()).contains("Logged out immediately after login"));
        assertThat(t.entries()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());

        String viewer = "Bearer " + accounts.createToken("golden-viewer", Role.VIEWER);
        mvc.perform(get("/api/incidents/LP-2014-08-12/timeline").header("Authorization", viewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.incident.key").value("LP-2014-08-12"))
                .andExpect(jsonPath("$.moments[?(@.kind == 'ACKNOWLEDGED')].at").value("2014-08-12T07:57:12Z"))
                .andExpect(jsonPath("$.metrics.timeToAcknowledgeSeconds").value(432))
                .andExpect(jsonPath("$.entries[0].storyline").exists());
        mvc.perform(get("/api/incidents/NOPE/timeline").header("Authorization", viewer))
                .andExpect(status().isNotFound());
    }

    @Test
    void theIncidentPageShowsMomentsStorylinesFindingsAndEntries() throws Exception {
        // sessions belong to accounts that exist: a session whose user is gone ends at its next request
        accounts.addUser("viewer", Role.VIEWER, "a viewer's long password");
        String html = mvc.perform(get("/incidents/LP-2014-08-12").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("LastPass: data center network failure", "Key moments", "ACKNOWLEDGED", "7 min 12 s",
                "PROVIDER_DISCREPANCY", "dc-west (lb2, web7, web8)",
                "found it. web7, web8 and web9 negotiated 100Mbps");
        String filtered = mvc
                .perform(get("/incidents/LP-2014-08-12").param("storyline", "s4").with(user("viewer").roles("VIEWER")))
                .andReturn().getResponse().getContentAsString();
        assertThat(filtered).contains("Logged out immediately after login")
                .doesNotContain("edge1.dc-east/Upstream packet loss CRITICAL");
        mvc.perform(get("/incidents/NOPE").with(user("viewer").roles("VIEWER"))).andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/").with(user("viewer").roles("VIEWER"))).andReturn().getResponse()
                .getContentAsString())
                .contains("loaded two sample incidents", "LP-2014-08-12");
    }

    /** The LastPass post-mortem, as the issue asks: exported to every format, each read back; nine lessons tracked. */
    @Test
    void theLastPassPostMortemExportsToEveryFormatAndItsNineLessonsAreTrackedActionItems() throws Exception {
        String viewer = "Bearer " + accounts.createToken("pm-viewer", Role.VIEWER);
        mvc.perform(get("/api/incidents/LP-2014-08-12/postmortem").header("Authorization", viewer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.cause").value("provider network"))
                .andExpect(jsonPath("$.sections.LESSONS").value(org.hamcrest.Matchers.containsString("port speed")));
        String items = mvc
                .perform(get("/api/actions").param("incident", "LP-2014-08-12").header("Authorization", viewer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode list = JsonMapper.builder().build().readTree(items);
        assertThat(list.size()).isEqualTo(9);
        list.forEach(a -> {
            assertThat(a.path("owner").asString()).isNotBlank();
            assertThat(a.path("dueDate").asString()).startsWith("2014-");
            assertThat(a.path("lesson").asString()).isNotBlank();
        });
        assertThat(list.findValuesAsString("status")).contains("DONE", "IN_PROGRESS", "OPEN");

        byte[] docx = export("docx", viewer);
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
            assertThat(doc.getParagraphs().stream().filter(p -> "Heading1".equals(p.getStyle())).map(p -> p.getText()))
                    .contains("Summary", "Root cause", "Lessons learned", "Action items", "Timeline");
            assertThat(doc.getTables())
                    .anySatisfy(t -> assertThat(t.getText()).contains("Add a port-speed check", "alex", "2014-08-29"));
        }
        byte[] xlsx = export("xlsx", viewer);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheet("Action items").getLastRowNum()).isEqualTo(9);
            assertThat(book.getSheet("Timeline").getLastRowNum()).isGreaterThan(30);
        }
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(export("pdf", viewer))) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
                    .contains("LastPass: data center network failure", "Lessons learned", "Time to acknowledge",
                            "Quarterly single-data-center failover drill");
        }
        assertThat(new String(export("md", viewer), java.nio.charset.StandardCharsets.UTF_8))
                .contains("## Lessons learned", "| Time to acknowledge | 7 min 12 s |",
                        "Move the status page to a hosted provider");
        assertThat(new String(export("html", viewer), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<h2>Lessons learned</h2>", "data:image/png;base64,").doesNotContain("<script");
        mvc.perform(get("/api/incidents/LP-2014-08-12/export").param("format", "odt").header("Authorization", viewer))
                .andExpect(status().isBadRequest());
    }

    private byte[] export(String format, String auth) throws Exception {
        return mvc
                .perform(get("/api/incidents/LP-2014-08-12/export").param("format", format)
                        .param("zone", "America/New_York")
                        .header("Authorization", auth))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }
}
