package dev.hindsight.web.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.search.index.LuceneIndex;
import dev.hindsight.search.store.DeadLetterRows;
import dev.hindsight.search.store.EventRows;
import java.nio.file.Files;
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
class SampleLoaderTests {

    static Path data;

    @Autowired
    Incidents incidents;

    @Autowired
    EventRows events;

    @Autowired
    DeadLetterRows deadLetters;

    @Autowired
    EventSearch search;

    @Autowired
    LuceneIndex index;

    @Autowired
    SampleLoader loader;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        data = Files.createTempDirectory("hindsight-samples-");
        registry.add("hindsight.data", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data + "/db/hindsight;WRITE_DELAY=0");
    }

    @Test
    void theLastPassOutageAndABadDeployAreLoadedWithoutASingleRejection() throws Exception {
        List<IncidentSummary> list = incidents.list(Viewer.LOCAL_ADMIN);
        assertThat(list).extracting(IncidentSummary::key).containsExactlyInAnyOrder("LP-2014-08-12", "CHK-2026-03-10");
        assertThat(list).allSatisfy(i -> assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED));
        assertThat(deadLetters.list(false, 10)).isEmpty();
        assertThat(events.count()).isEqualTo(158);
        assertThat(incidents.eventCounts()).containsEntry("LP-2014-08-12", 82L).containsEntry("CHK-2026-03-10", 16L);
        assertThat(data.resolve("samples/lp-2014-08-12/northwind-noc.mbox")).isRegularFile();

        index.refresh();
        var gigabit = search.search(new SearchQuery("\"100Mbps\" OR \"100 Mbps\"", null, null, Map.of(), 50, 0, SearchQuery.Sort.TIME, Set.of()));
        assertThat(gigabit.total()).isGreaterThanOrEqualTo(3);
        var rfo = search.search(new SearchQuery("512,000 prefixes", null, null, Map.of("kind", Set.of("PROVIDER_NOTICE")), 5, 0,
                SearchQuery.Sort.DEFAULT, Set.of()));
        assertThat(rfo.hits()).singleElement().satisfies(h -> assertThat(h.title()).startsWith("RFO – Ticket 884213"));

        loader.run(null); // a later start: the data directory is not empty, nothing is loaded twice
        assertThat(events.count()).isEqualTo(158);
    }
}
