package dev.hindsight.search;

import static dev.hindsight.search.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every engine behind the event search port must answer alike: the same query language (one parser, its tree
 * run by each engine), exact totals, filters, facets, order, paging, marked and escaped snippets, and the viewer's
 * restricted incidents left out everywhere. Runs on the embedded index and on OpenSearch.
 */
public abstract class EventSearchContractTests {

    @Autowired
    protected EventSink store;

    @Autowired
    protected EventSearch search;

    @Autowired
    protected IncidentCatalog incidents;

    static final Viewer ADMIN = Viewer.LOCAL_ADMIN;
    static final Viewer MALLORY = new Viewer("mallory", false);
    static final Viewer ALICE = new Viewer("alice", false);

    /** Unique per test: tests share one store and filter by it. */
    protected String source;

    /** Waits until everything committed so far is searchable in the engine under test. */
    protected abstract void awaitSearchable() throws Exception;

    @BeforeEach
    void newSource() {
        source = "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void store(List<Event> events) throws Exception {
        store.append(EventBatch.of(events));
        awaitSearchable();
    }

    private SearchQuery query(String text, SearchQuery.Sort sort, int limit, int offset) {
        return new SearchQuery(text, null, null, Map.of("source", Set.of(source)), limit, offset, sort);
    }

    private SearchResult find(String text) {
        return search.search(query(text, SearchQuery.Sort.DEFAULT, 50, 0), ADMIN);
    }

    private List<String> titles(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::title).toList();
    }

    private List<Event> outage() {
        return List.of(
                event(source, 0, EventKind.ALERT_FIRING, "Packet loss between dc-east and major networks")
                        .host("lb1.dc-east").service("network").severity("critical").build(),
                event(source, 3, EventKind.PAGE_TRIGGERED, "dc-east unreachable, paging operators")
                        .host("lb1.dc-east").service("network").build(),
                event(source, 5, EventKind.CHAT_MESSAGE, "Connection pool saturated on db-1").actor("joe")
                        .service("database").host("db-1").build(),
                event(source, 9, EventKind.CHAT_MESSAGE, "Saturation alarms cleared; loss of packet stopped")
                        .actor("maria").service("database").build(),
                event(source, 12, EventKind.NOTE, "Contacted the data center provider").actor("joe").build());
    }

    @Test
    void wordsAreFoundByTheirStemsWithExactTotals() throws Exception {
        store(outage());
        SearchResult saturate = find("saturate");
        assertThat(saturate.total()).isEqualTo(2);
        assertThat(titles(saturate)).containsExactlyInAnyOrder("Connection pool saturated on db-1",
                "Saturation alarms cleared; loss of packet stopped");
        assertThat(find("contacting providers").total()).isEqualTo(1);
        assertThat(find("nothing-like-this").total()).isZero();
    }

    @Test
    void aPhraseMatchesOnlyItsWordsInThatOrder() throws Exception {
        store(outage());
        assertThat(titles(find("\"packet loss\""))).containsExactly("Packet loss between dc-east and major networks");
        assertThat(titles(find("\"loss of packet\""))).containsExactly(
                "Saturation alarms cleared; loss of packet stopped");
        assertThat(find("\"loss packet\"").total()).isZero();
    }

    @Test
    void booleanWildcardFieldAndNegatedQueriesMeanTheSame() throws Exception {
        store(outage());
        assertThat(find("packet OR contacted").total()).isEqualTo(3);
        assertThat(find("packet AND NOT saturation").total()).isEqualTo(1);
        assertThat(find("unreach*").total()).isEqualTo(1);
        assertThat(find("sat?r").total()).as("wildcards meet the stemmed terms").isEqualTo(2);
        assertThat(find("host:lb1.dc-east").total()).isEqualTo(2);
        assertThat(find("actor:joe AND pool").total()).isEqualTo(1);
        assertThat(find("title:operators").total()).isEqualTo(1);
        assertThat(find("/satur[a-z]*/").total()).isEqualTo(2);
        assertThat(find("-packet").total()).as("a query of prohibitions only matches nothing").isZero();
    }

    @Test
    void filtersAndATimeRangeNarrowTheResults() throws Exception {
        store(outage());
        SearchQuery chat = new SearchQuery("*", null, null,
                Map.of("source", Set.of(source), "kind", Set.of("chat_message")), 50, 0, SearchQuery.Sort.DEFAULT);
        assertThat(search.search(chat, ADMIN).total()).isEqualTo(2);
        SearchQuery window = new SearchQuery("*", TestEvents.T0.plusSeconds(180), TestEvents.T0.plusSeconds(540),
                Map.of("source", Set.of(source)), 50, 0, SearchQuery.Sort.DEFAULT);
        assertThat(titles(search.search(window, ADMIN))).as("both ends of the range are inside it").containsExactly(
                "dc-east unreachable, paging operators", "Connection pool saturated on db-1",
                "Saturation alarms cleared; loss of packet stopped");
        SearchQuery byHosts = new SearchQuery("*", null, null,
                Map.of("source", Set.of(source), "host", Set.of("db-1", "lb1.dc-east")), 50, 0,
                SearchQuery.Sort.DEFAULT);
        assertThat(search.search(byHosts, ADMIN).total()).isEqualTo(3);
        assertThatThrownBy(() -> search.search(new SearchQuery("*", null, null, Map.of("title", Set.of("x")), 10, 0,
                SearchQuery.Sort.DEFAULT), ADMIN)).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("cannot filter on 'title'");
    }

    @Test
    void facetsCountWhatMatchesMostFrequentFirst() throws Exception {
        store(outage());
        SearchResult all = find("*");
        assertThat(all.facets().get("kind")).containsExactly(Map.entry("CHAT_MESSAGE", 2L),
                Map.entry("ALERT_FIRING", 1L), Map.entry("NOTE", 1L), Map.entry("PAGE_TRIGGERED", 1L));
        assertThat(all.facets().get("service")).containsEntry("network", 2L).containsEntry("database", 2L);
        assertThat(all.facets().get("source")).containsExactly(Map.entry(source, 5L));
        assertThat(find("packet").facets().get("service")).containsOnlyKeys("network", "database");
    }

    @Test
    void timeOrderNewestFirstAndPagesAgree() throws Exception {
        store(outage());
        List<String> oldestFirst = titles(search.search(query("*", SearchQuery.Sort.TIME, 50, 0), ADMIN));
        assertThat(oldestFirst).first().isEqualTo("Packet loss between dc-east and major networks");
        assertThat(oldestFirst).last().isEqualTo("Contacted the data center provider");
        List<String> newestFirst = titles(search.search(query("*", SearchQuery.Sort.NEWEST, 50, 0), ADMIN));
        assertThat(newestFirst).containsExactlyElementsOf(oldestFirst.reversed());
        assertThat(titles(search.search(query("*", SearchQuery.Sort.TIME, 2, 2), ADMIN)))
                .containsExactlyElementsOf(oldestFirst.subList(2, 4));
        SearchResult empty = search.search(query("*", SearchQuery.Sort.TIME, 0, 0), ADMIN);
        assertThat(empty.total()).isEqualTo(5);
        assertThat(empty.hits()).isEmpty();
    }

    @Test
    void snippetsMarkTheMatchesAndEscapeEverythingElse() throws Exception {
        store(List.of(event(source, 0, EventKind.NOTE, "Disk report")
                .text("<script>alert(1)</script> the disk on /var is full").build()));
        SearchResult.Hit hit = find("disk").hits().getFirst();
        assertThat(hit.snippet()).contains("<mark>disk</mark>").contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(hit.at()).isEqualTo(TestEvents.T0);
        assertThat(hit.kind()).isEqualTo(EventKind.NOTE);
        assertThat(hit.source()).isEqualTo(source);
    }

    @Test
    void eventsOfRestrictedIncidentsLeaveHitsTotalsAndFacetsForOutsiders() throws Exception {
        String key = "SEC-" + source;
        incidents.create(new NewIncident(key, "breach", TestEvents.T0, TestEvents.T0.plusSeconds(3600), Severity.SEV1,
                null, "alice", true, Set.of("alice")), ADMIN);
        List<Event> events = outage();
        store.append(new EventBatch(events.subList(0, 1), List.of(), key, null, ADMIN));
        store(events.subList(1, 5));
        SearchQuery all = query("*", SearchQuery.Sort.DEFAULT, 50, 0);

        SearchResult forOutsider = search.search(all, MALLORY);
        assertThat(forOutsider.total()).isEqualTo(4);
        assertThat(forOutsider.facets().get("kind")).doesNotContainKey("ALERT_FIRING");
        assertThat(forOutsider.hits()).noneMatch(h -> h.kind() == EventKind.ALERT_FIRING);
        assertThat(search.search(query("packet", SearchQuery.Sort.DEFAULT, 50, 0), MALLORY).total()).isEqualTo(1);
        assertThat(search.search(all, ALICE).total()).isEqualTo(5);
        assertThat(search.search(all, ADMIN).total()).isEqualTo(5);
    }

    @Test
    void expensiveQueriesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> find("*ing")).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("needs at least 2 letters");
        assertThatThrownBy(() -> find("a*")).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> find("/[a-z]{1,1000}{1,1000}/")).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("too complex");
        assertThatThrownBy(() -> find("packet AND")).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("cannot parse");
    }
}
