package dev.hindsight.search;

import static dev.hindsight.search.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.Checkpoint;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.core.timeline.SimilarIncident;
import dev.hindsight.search.event.Events;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.search.timeline.Curation;
import dev.hindsight.search.timeline.CurationChange;
import dev.hindsight.search.timeline.CurationEdit;
import dev.hindsight.search.timeline.Timelines;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventDocuments;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.store.JdbcEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.hindsight.search.internal.visibility.Visibility;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every database behind the event store must do: durable dedup with exact counts, search with facets and
 * visibility, a bounded query language, and an index that can always be rebuilt from the rows.
 */
abstract class EventStoreContractTests {

    @Autowired
    JdbcEventStore store;

    @Autowired
    EventSearch search;

    @Autowired
    LuceneIndex index;

    @Autowired
    EventRows rows;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    StoreMaintenance operations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Timelines timelines;

    @Autowired
    Curation curation;

    @Autowired
    Events eventLookup;

    @Autowired
    DeadLetterStore deadLetters;

    @Autowired
    Visibility visibility;

    static final Viewer ADMIN = Viewer.LOCAL_ADMIN;
    static final Viewer MALLORY = new Viewer("mallory", false);
    static final Viewer ALICE = new Viewer("alice", false);

    /** Unique per test: tests share one database and filter by it. */
    String source;

    @BeforeEach
    void newSource() {
        source = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private SearchResult searchSource(String text) throws Exception {
        index.refresh();
        return search.search(new SearchQuery(text, null, null, Map.of("source", Set.of(source)), 100, 0,
                SearchQuery.Sort.DEFAULT), ADMIN);
    }

    private List<Event> threeAlerts() {
        return List.of(
                event(source, 0, EventKind.ALERT_FIRING, "Packet loss between dc-east and major networks")
                        .host("lb1.dc-east").service("network").build(),
                event(source, 4, EventKind.PAGE_TRIGGERED, "dc-east unreachable, paging operators")
                        .host("lb1.dc-east").build(),
                event(source, 10, EventKind.CHAT_MESSAGE, "Contacted the data center provider").actor("joe").build());
    }

    /**
     * Writers arriving together share commits (a group commit): each is answered with its own counts, a refused batch
     * (into an incident its writer may not see) fails alone and stores nothing, and every other batch is stored once
     * with its own sequences, in commit order.
     */
    @Test
    void concurrentWritersShareCommitsAndARefusedBatchFailsAlone() throws Exception {
        String hidden = "SEC-G-" + source;
        incidents.create(new NewIncident(hidden, "kept to alice", TestEvents.T0, TestEvents.T0.plusSeconds(3600),
                Severity.SEV2, null, "alice", true, Set.of("alice")), ADMIN);
        int writers = 8;
        int batches = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Event> events = new java.util.ArrayList<>();
                    for (int e = 0; e < 3; e++) {
                        events.add(event(source, writer * 1000 + b * 10 + e, EventKind.NOTE,
                                (writer == 0 ? "refused" : "grouped") + " write " + writer + "-" + b + "-" + e)
                                .build());
                    }
                    if (writer == 0) { // mallory writes into an incident she may not see: refused, alone
                        try {
                            store.append(new EventBatch(events, List.of(), hidden, null, MALLORY));
                        } catch (NotFoundException expected) {
                            refused.incrementAndGet();
                        }
                    } else {
                        accepted.addAndGet(store.append(EventBatch.of(events)).accepted());
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(refused.get()).isEqualTo(batches);
        assertThat(accepted.get()).isEqualTo((writers - 1) * batches * 3);
        assertThat(searchSource("grouped").total()).isEqualTo((writers - 1) * batches * 3);
        assertThat(searchSource("refused").total()).isZero();
        assertThat(jdbc.queryForObject("select count(distinct seq) = count(*) from event", Boolean.class)).isTrue();
        assertThat(operations.check().consistent()).isTrue();
    }

    @Test
    void appendingTheSameEventsTwiceStoresThemOnceAndCountsDuplicates() throws Exception {
        AppendResult first = store.append(EventBatch.of(threeAlerts()));
        AppendResult second = store.append(EventBatch.of(threeAlerts()));

        assertThat(first.accepted()).isEqualTo(3);
        assertThat(first.duplicates()).isZero();
        assertThat(second.accepted()).isZero();
        assertThat(second.duplicates()).isEqualTo(3);
        assertThat(searchSource("*").total()).isEqualTo(3);
    }

    @Test
    void aRecordRepeatedInsideOneBatchIsOneEventAndOneDuplicate() {
        Event e = threeAlerts().get(0);
        AppendResult result = store.append(EventBatch.of(List.of(e, e)));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
    }

    @Test
    void sequencesIncreaseWithEveryCommit() {
        long before = store.lastSequence();
        AppendResult result = store.append(EventBatch.of(threeAlerts()));

        assertThat(result.lastSequence()).isEqualTo(before + 3);
        assertThat(rows.after(before, 10)).extracting(s -> s.sequence()).containsExactly(before + 1, before + 2,
                before + 3);
    }

    @Test
    void searchFindsStemmedTextWithHighlightedSnippetsAndFacetCounts() throws Exception {
        store.append(EventBatch.of(threeAlerts()));

        SearchResult result = searchSource("operator");

        assertThat(result.total()).isEqualTo(1);
        assertThat(result.hits().get(0).title()).isEqualTo("dc-east unreachable, paging operators");
        assertThat(result.hits().get(0).snippet()).contains("<mark>operators</mark>");
        SearchResult all = searchSource("*");
        assertThat(all.facets().get("kind"))
                .containsEntry("ALERT_FIRING", 1L)
                .containsEntry("PAGE_TRIGGERED", 1L)
                .containsEntry("CHAT_MESSAGE", 1L);
        assertThat(all.facets().get("host")).containsExactly(Map.entry("lb1.dc-east", 2L));
    }

    @Test
    void withoutQueryTextHitsComeInTimeOrderAndFiltersNarrowThem() throws Exception {
        store.append(EventBatch.of(threeAlerts()));
        index.refresh();

        SearchResult ordered = searchSource("*");
        assertThat(ordered.hits()).extracting(SearchResult.Hit::kind)
                .containsExactly(EventKind.ALERT_FIRING, EventKind.PAGE_TRIGGERED, EventKind.CHAT_MESSAGE);

        SearchResult window = search
                .search(new SearchQuery("*", TestEvents.T0.plusSeconds(60), TestEvents.T0.plusSeconds(300),
                        Map.of("source", Set.of(source)), 10, 0, SearchQuery.Sort.TIME), ADMIN);
        assertThat(window.hits()).extracting(SearchResult.Hit::kind).containsExactly(EventKind.PAGE_TRIGGERED);

        SearchResult byField = searchSource("host:lb1.dc-east AND kind:ALERT_FIRING");
        assertThat(byField.total()).isEqualTo(1);
    }

    @Test
    void newestFirstPagesAndFacetCountsMatchAFullCountOverSegmentsAndUnevenTime() throws Exception {
        // a dense hour, then a sparse tail: the newest page must come from the tail, however the hits are spread
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int minute = i < 200 ? i : 200 + (i - 200) * (i - 200);
            events.add(event(source, minute, i % 3 == 0 ? EventKind.ALERT_FIRING : EventKind.LOG_LINE,
                    "disk pressure " + i)
                    .host("web" + (i % 25)).build());
        }
        List<Event> shuffled = new ArrayList<>(events);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7)); // indexed out of time order
        for (int from = 0; from < shuffled.size(); from += 100) { // several segments
            store.append(EventBatch.of(shuffled.subList(from, from + 100)));
            index.refresh();
        }
        List<String> newestFirst = events.reversed().stream().map(Event::title).toList();
        for (int offset : new int[]{0, 40, 280}) {
            SearchResult page = search
                    .search(new SearchQuery("*", null, null, Map.of("source", Set.of(source)), 20, offset,
                            SearchQuery.Sort.NEWEST), ADMIN);
            assertThat(page.total()).isEqualTo(300);
            assertThat(page.hits()).extracting(SearchResult.Hit::title)
                    .containsExactlyElementsOf(newestFirst.subList(offset, Math.min(300, offset + 20)));
        }
        SearchResult all = searchSource("disk");
        assertThat(all.facets().get("kind")).containsExactly(Map.entry("LOG_LINE", 200L),
                Map.entry("ALERT_FIRING", 100L));
        // 25 hosts of 12 events each: the top 20, most first, ties by name
        assertThat(all.facets().get("host")).hasSize(20).allSatisfy((host, count) -> assertThat(count).isEqualTo(12L));
        assertThat(all.facets().get("host").keySet()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 25).mapToObj(i -> "web" + i).sorted().limit(20).toList());
    }

    @Test
    void eventsOfHiddenIncidentsLeaveHitsTotalsAndFacetsAlike() throws Exception {
        String key = "SEC-" + source;
        incidents.create(new NewIncident(key, "breach", TestEvents.T0, TestEvents.T0.plusSeconds(3600), Severity.SEV1,
                null, "alice", true, Set.of("alice")), ADMIN);
        List<Event> events = threeAlerts();
        store.append(new EventBatch(events.subList(0, 1), List.of(), key, null, ADMIN));
        store.append(EventBatch.of(events.subList(1, 3)));
        index.refresh();

        SearchQuery all = new SearchQuery("*", null, null, Map.of("source", Set.of(source)), 100, 0,
                SearchQuery.Sort.DEFAULT);
        SearchResult forOutsider = search.search(all, MALLORY);
        SearchResult forMember = search.search(all, ALICE);

        assertThat(forOutsider.total()).isEqualTo(2);
        assertThat(forOutsider.facets().get("kind")).doesNotContainKey("ALERT_FIRING");
        assertThat(forOutsider.hits()).noneMatch(h -> h.kind() == EventKind.ALERT_FIRING);
        assertThat(forMember.total()).isEqualTo(3);
        assertThat(incidents.find(key, MALLORY)).isEmpty();
    }

    @Test
    void curationIsStoredAndLaidOverEveryRebuiltTimeline() {
        String key = "CUR-" + source;
        int day = 60 * 24 * 400; // far from the other tests' events, which would join the window
        incidents.create(new NewIncident(key, "curated outage", TestEvents.T0.plusSeconds(60L * day),
                TestEvents.T0.plusSeconds(60L * (day + 120)), Severity.SEV2, null, null, false, Set.of()), ADMIN);
        String host = "db-" + source;
        store.append(new EventBatch(List.of(
                event(source, day, EventKind.ALERT_FIRING, "Replication lag on " + host).host(host).build(),
                event(source, day + 3, EventKind.PAGE_TRIGGERED, "Paging: replication lag").host(host).build(),
                event(source, day + 30, EventKind.CHAT_MESSAGE, "failed over to the replica, writes are back")
                        .actor("ann").build(),
                event(source, day + 90, EventKind.ALERT_RESOLVED, "Replication lag on " + host).host(host).build()),
                List.of(), key, null, ADMIN));
        Timeline proposed = timelines.timeline(key, ADMIN);
        String page = entry(proposed, EventKind.PAGE_TRIGGERED).id();
        String chat = entry(proposed, EventKind.CHAT_MESSAGE).id();
        String resolved = entry(proposed, EventKind.ALERT_RESOLVED).id();
        assertThat(proposed.moments()).noneMatch(m -> m.kind() == Timeline.MomentKind.MITIGATED);

        Viewer cmd = new Viewer("cmd", true);
        curation.edit(key, page, List.of(new CurationEdit.Pin(true)), cmd);
        curation.edit(key, page, List.of(new CurationEdit.Annotate("  first human in the loop ")), cmd);
        curation.edit(key, chat, List.of(new CurationEdit.Mark(Timeline.MomentKind.MITIGATED)), cmd);
        curation.edit(key, chat, List.of(new CurationEdit.Retime(TestEvents.T0.plusSeconds(60L * (day + 25)))), cmd);
        curation.edit(key, chat, List.of(new CurationEdit.Move("Failover")), cmd);
        curation.edit(key, resolved, List.of(new CurationEdit.Hide(true)), cmd);
        Timeline curated = timelines.timeline(key, ADMIN);

        Timeline.Entry pinned = curated.entries().stream().filter(e -> e.id().equals(page)).findFirst().orElseThrow();
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.note()).isEqualTo("first human in the loop");
        Timeline.Entry retimed = curated.entries().stream().filter(e -> e.id().equals(chat)).findFirst().orElseThrow();
        assertThat(retimed.at()).isEqualTo(TestEvents.T0.plusSeconds(60L * (day + 25)));
        assertThat(retimed.originalAt()).isEqualTo(TestEvents.T0.plusSeconds(60L * (day + 30)));
        assertThat(retimed.storyline()).isEqualTo("Failover");
        assertThat(curated.storylines())
                .anyMatch(s -> s.id().equals("Failover") && s.size() == 1 && s.reason().contains("cmd"));
        assertThat(curated.entries()).noneMatch(e -> e.id().equals(resolved));
        assertThat(curated.hiddenEntries()).extracting(Timeline.Entry::id).containsExactly(resolved);
        Timeline.Moment mitigated = curated.moments().stream().filter(m -> m.kind() == Timeline.MomentKind.MITIGATED)
                .findFirst().orElseThrow();
        assertThat(mitigated.eventId()).isEqualTo(chat);
        assertThat(mitigated.markedBy()).isEqualTo("cmd");
        assertThat(curated.metrics().timeToMitigateSeconds()).isEqualTo(25 * 60L);
        assertThat(curation.history(key, ADMIN, 10)).extracting(CurationChange::action)
                .containsExactly("HIDE", "MOVE", "RETIME", "MARK", "ANNOTATE", "PIN");

        // undo: unhide brings the entry back where the engine put it
        curation.edit(key, resolved, List.of(new CurationEdit.Hide(false)), cmd);
        assertThat(timelines.timeline(key, ADMIN).entries()).anyMatch(e -> e.id().equals(resolved));
    }

    @Test
    void aTimelineLeavesOutWindowEventsOfIncidentsTheViewerMayNotSee() {
        int day = 60 * 24 * 1200; // far from the other tests' events
        String open = "WIN-" + source;
        String secret = "SECWIN-" + source;
        incidents.create(new NewIncident(open, "checkout errors", TestEvents.T0.plusSeconds(60L * day),
                TestEvents.T0.plusSeconds(60L * (day + 60)), Severity.SEV2, null, null, false, Set.of()), ADMIN);
        incidents.create(new NewIncident(secret, "credential leak", TestEvents.T0.plusSeconds(60L * day),
                TestEvents.T0.plusSeconds(60L * (day + 60)), Severity.SEV1, null, "alice", true, Set.of("alice")),
                ADMIN);
        store.append(new EventBatch(
                List.of(event(source, day + 5, EventKind.CHAT_MESSAGE, "rotating the leaked key").build()),
                List.of(), secret, null, ADMIN));
        store.append(EventBatch
                .of(List.of(event(source, day + 6, EventKind.ALERT_FIRING, "checkout 5xx above 2%").build())));
        assertThat(timelines.timeline(open, ADMIN).entries()).extracting(Timeline.Entry::title)
                .containsExactlyInAnyOrder("rotating the leaked key", "checkout 5xx above 2%");
        assertThat(timelines.timeline(open, MALLORY).entries()).extracting(Timeline.Entry::title)
                .containsExactly("checkout 5xx above 2%");
        assertThatThrownBy(() -> timelines.timeline(secret, MALLORY)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void similarIncidentsShareDistinctiveWordsAndEntitiesAndRespectVisibility() throws Exception {
        int day = 60 * 24 * 800;
        String site = "site-" + source;
        declare("NOW-" + source, day, false);
        declare("BGP-" + source, day - 60 * 24 * 30, false);
        declare("DISK-" + source, day - 60 * 24 * 20, false);
        declare("SECRET-" + source, day - 60 * 24 * 10, true);
        attach("NOW-" + source,
                event(source, day, EventKind.ALERT_FIRING, "Blackholed prefixes after route reflector flap")
                        .location(site).build(),
                event(source, day + 2, EventKind.CHAT_MESSAGE, "upstream says route reflector lost its sessions")
                        .build());
        attach("BGP-" + source,
                event(source, day - 60 * 24 * 30, EventKind.ALERT_FIRING, "Route reflector flap, prefixes withdrawn")
                        .location(site).build());
        attach("DISK-" + source,
                event(source, day - 60 * 24 * 20, EventKind.ALERT_FIRING, "Disk nearly full on the build cache")
                        .build());
        attach("SECRET-" + source,
                event(source, day - 60 * 24 * 10, EventKind.ALERT_FIRING, "Route reflector flap during pentest")
                        .build());
        index.refresh();

        var viewer = new Viewer("someone", false);
        List<SimilarIncident> similar = timelines.similar("NOW-" + source, viewer, 10);

        assertThat(similar).extracting(SimilarIncident::key).contains("BGP-" + source)
                .doesNotContain("NOW-" + source, "SECRET-" + source, "DISK-" + source);
        SimilarIncident bgp = similar.stream().filter(x -> x.key().equals("BGP-" + source)).findFirst()
                .orElseThrow();
        assertThat(bgp.sharedWords()).contains("reflector", "flap", "prefixes");
        assertThat(bgp.sharedEntities()).containsExactly("site " + site);
        assertThat(bgp.reason()).startsWith("earlier incident").contains("reflector").contains("site " + site);
        assertThat(timelines.similar("NOW-" + source, ADMIN, 10)).extracting(SimilarIncident::key)
                .contains("SECRET-" + source);
    }

    private void declare(String key, int minute, boolean restricted) {
        incidents.create(new NewIncident(key, key, TestEvents.T0.plusSeconds(60L * minute),
                TestEvents.T0.plusSeconds(60L * (minute + 60)),
                Severity.SEV3, null, null, restricted, Set.of()), ADMIN);
    }

    private void attach(String key, Event... events) {
        store.append(new EventBatch(List.of(events), List.of(), key, null, ADMIN));
    }

    private static Timeline.Entry entry(Timeline t, EventKind kind) {
        return t.entries().stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void attachingStoredEventsToAnIncidentMakesThemFindableByIt() throws Exception {
        String key = "INC-" + source;
        incidents.create(new NewIncident(key, "outage", TestEvents.T0, TestEvents.T0.plusSeconds(3600), Severity.SEV2,
                null, null, false, Set.of()), ADMIN);
        store.append(EventBatch.of(threeAlerts()));
        // re-import with --incident: the same records attach instead of duplicating
        AppendResult again = store.append(new EventBatch(threeAlerts(), List.of(), key, null, ADMIN));
        index.refresh();

        assertThat(again.duplicates()).isEqualTo(3);
        SearchResult attached = search.search(new SearchQuery("*", null, null,
                Map.of("incident", Set.of(key)), 10, 0, SearchQuery.Sort.TIME), ADMIN);
        assertThat(attached.total()).isEqualTo(3);
        assertThat(operations.check().consistent()).isTrue();
    }

    @Test
    void deadLettersAndCheckpointsCommitWithTheirBatch() {
        byte[] raw = "{not json".getBytes(StandardCharsets.UTF_8);
        String partition = "test:" + source;
        store.append(new EventBatch(threeAlerts(),
                List.of(new DeadLetter("x.jsonl#4", "jsonl", "line 4: not valid JSON", raw,
                        DeadLetter.Replay.whole("x.jsonl"))),
                null, new Checkpoint(partition, "cursor-1"), ADMIN));
        store.append(new EventBatch(List.of(), List.of(), null, new Checkpoint(partition, "cursor-2"), ADMIN));

        assertThat(jdbc.queryForObject(
                "select reason from dead_letter where origin = 'x.jsonl#4' order by id desc fetch first 1 rows only",
                String.class)).isEqualTo("line 4: not valid JSON");
        assertThat(jdbc.queryForObject("select position from ingest_checkpoint where partition_key = ?", String.class,
                partition))
                .isEqualTo("cursor-2");
    }

    @Test
    void aBadRecordDeliveredAgainKeepsItsOnePendingLetter() {
        byte[] raw = ("{not json " + source).getBytes(StandardCharsets.UTF_8);
        String origin = "kafka:hindsight-ingest-0@" + source;
        DeadLetter letter = new DeadLetter(origin, "ingest-bus", "the store refused the batch", raw,
                DeadLetter.Replay.whole(origin));
        // re-delivered after a crash between the letter's commit and the offset's, and twice inside one batch
        store.append(new EventBatch(List.of(), List.of(letter), null, null, ADMIN));
        store.append(new EventBatch(List.of(), List.of(letter, letter), null, null, ADMIN));
        // the same bytes from another place are another record
        store.append(new EventBatch(List.of(), List.of(new DeadLetter(origin + "-other", "ingest-bus",
                "the store refused the batch", raw, DeadLetter.Replay.whole(origin + "-other"))), null, null, ADMIN));

        List<DeadLetterStore.Summary> kept = deadLetters.list(ADMIN, true, 10_000).stream()
                .filter(s -> s.origin().startsWith(origin)).toList();
        assertThat(kept).extracting(DeadLetterStore.Summary::origin)
                .containsExactlyInAnyOrder(origin, origin + "-other");

        // once replayed, the same bad record arriving again is a new failure to look at
        long first = kept.stream().filter(s -> s.origin().equals(origin)).findFirst().orElseThrow().id();
        deadLetters.markReplayed(first, Instant.now());
        store.append(new EventBatch(List.of(), List.of(letter), null, null, ADMIN));
        assertThat(deadLetters.list(ADMIN, true, 10_000)).filteredOn(s -> s.origin().equals(origin)).hasSize(1)
                .allSatisfy(s -> assertThat(s.id()).isGreaterThan(first));
    }

    @Test
    void theRawRecordIsKeptForProvenance() {
        Event e = threeAlerts().get(0);
        store.append(EventBatch.of(List.of(e)));

        EventRows.RawView raw = rows.raw(e.id()).orElseThrow();
        assertThat(new String(raw.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"" + e.title() + "\"}");
        assertThat(raw.origin()).isEqualTo("test#0");
        assertThat(raw.truncated()).isFalse();
    }

    @Test
    void chatTextIsEscapedInSnippets() throws Exception {
        store.append(EventBatch.of(List.of(event(source, 1, EventKind.CHAT_MESSAGE, "logout errors")
                .text("users report logout errors <script>alert(1)</script> & <img src=x onerror=alert(2)>").build())));

        String snippet = searchSource("logout").hits().get(0).snippet();

        assertThat(snippet).contains("<mark>logout</mark>").contains("&lt;script&gt;").doesNotContain("<script")
                .doesNotContain("<img");
    }

    @Test
    void expensiveQueriesAreRefusedWithAReason() {
        assertThatThrownBy(() -> search.search(SearchQuery.text("*loss", 10), ADMIN))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> search.search(SearchQuery.text("/" + "a".repeat(150) + "/", 10), ADMIN))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> search.search(SearchQuery.text("/[ab]*a[ab]{20}/", 10), ADMIN))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("too complex");
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            terms.add("t" + i);
        }
        // 10k clauses: refused before parsing, by the length limit that also bounds the clause count
        assertThatThrownBy(() -> search.search(SearchQuery.text(String.join(" OR ", terms), 10), ADMIN))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("the limit is");
        assertThatThrownBy(() -> search.search(SearchQuery.text("(unbalanced", 10), ADMIN))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("cannot parse");
        assertThatThrownBy(() -> SearchQuery.text("x", 5000)).isInstanceOf(QueryRejectedException.class);
    }

    @Test
    void aLostIndexIsRebuiltFromTheDatabaseOnOpen(@TempDir Path fresh) throws Exception {
        store.append(EventBatch.of(threeAlerts()));
        long total = rows.count();

        try (LuceneIndex rebuilt = new LuceneIndex(fresh.resolve("index"), EventAnalyzers.create(), rows, 16)) {
            rebuilt.open(Duration.ofSeconds(1), Duration.ofSeconds(5));
            long indexed = rebuilt.withSearcher(s -> (long) s.getIndexReader().numDocs());
            assertThat(indexed).isEqualTo(total);
            assertThat(rebuilt.committedSequence()).isEqualTo(store.lastSequence());
        }
    }

    @Test
    void anIndexWrittenWithAnOlderDocumentLayoutIsRebuiltOnOpen(@TempDir Path old) throws Exception {
        store.append(EventBatch.of(threeAlerts()));
        long total = rows.count();
        // what an earlier version left behind: one document without offsets, a sequence, no layout in the commit
        try (var dir = org.apache.lucene.store.FSDirectory.open(old);
                var writer = new org.apache.lucene.index.IndexWriter(dir,
                        new org.apache.lucene.index.IndexWriterConfig(EventAnalyzers.create()))) {
            var doc = new org.apache.lucene.document.Document();
            doc.add(new org.apache.lucene.document.TextField(EventFields.TITLE, "left over",
                    org.apache.lucene.document.Field.Store.YES));
            writer.addDocument(doc);
            writer.setLiveCommitData(
                    java.util.Map.of(EventFields.COMMIT_SEQ, Long.toString(store.lastSequence())).entrySet());
            writer.commit();
        }

        try (LuceneIndex reopened = new LuceneIndex(old, EventAnalyzers.create(), rows, 16)) {
            reopened.open(Duration.ofSeconds(1), Duration.ofSeconds(5));
            long indexed = reopened.withSearcher(s -> (long) s.getIndexReader().numDocs());
            assertThat(indexed).as("rebuilt from the rows, the left-over document gone").isEqualTo(total);
            assertThat(reopened.committedSequence()).isEqualTo(store.lastSequence());
        }
        try (var reader = org.apache.lucene.index.DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(old))) {
            assertThat(reader.getIndexCommit().getUserData()).containsEntry(EventFields.COMMIT_SCHEMA,
                    EventDocuments.SCHEMA);
        }
    }

    @Test
    void reindexRebuildsAnIdenticalIndexAndCheckAgrees() throws Exception {
        store.append(EventBatch.of(threeAlerts()));
        long before = searchSource("*").total();

        long indexed = operations.reindex();

        assertThat(indexed).isEqualTo(rows.count());
        assertThat(searchSource("*").total()).isEqualTo(before);
        StoreMaintenance.ConsistencyReport report = operations.check();
        assertThat(report.consistent()).isTrue();
        assertThat(report.databaseEvents()).isEqualTo(report.indexedEvents());
    }

    // ---- the one visibility boundary: a non-member learns nothing about a restricted incident ----------------------

    /** A restricted incident of alice's, with the first of the three alerts attached. */
    private String secretWithOneAlert() {
        String secret = "HID-" + source;
        incidents.create(new NewIncident(secret, "insider case", TestEvents.T0, TestEvents.T0.plusSeconds(3600),
                Severity.SEV1, null, "alice", true, Set.of("alice")), ADMIN);
        store.append(new EventBatch(threeAlerts().subList(0, 1), List.of(), secret, null, ALICE));
        return secret;
    }

    /**
     * Writers delivering the same events at once (a sender retrying against a node, two senders of one alert) share
     * commits too: each event is stored once, whichever batch of a group carries it first, and every copy is counted
     * once, as stored or as a duplicate.
     */
    @Test
    void writersDeliveringTheSameEventsTogetherStoreEachOnce() throws Exception {
        int writers = 8;
        int batches = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int b = 0; b < batches; b++) {
                    List<Event> events = new java.util.ArrayList<>();
                    for (int e = 0; e < 3; e++) {
                        events.add(event(source, b * 10 + e, EventKind.NOTE, "shared write " + b + "-" + e).build());
                    }
                    events.add(events.getFirst()); // and one repeated within the batch
                    AppendResult result = store.append(EventBatch.of(events));
                    accepted.addAndGet(result.accepted());
                    duplicates.addAndGet(result.duplicates());
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(accepted.get()).as("each event stored for one writer").isEqualTo(batches * 3);
        assertThat(accepted.get() + duplicates.get()).as("every copy counted once").isEqualTo(writers * batches * 4);
        assertThat(searchSource("shared").total()).isEqualTo(batches * 3);
        assertThat(rows.count()).isGreaterThanOrEqualTo(batches * 3);
        assertThat(jdbc.queryForObject("select count(distinct seq) = count(*) from event", Boolean.class)).isTrue();
        assertThat(operations.check().consistent()).isTrue();
    }

    @Test
    void oneAnswerReadsTheHiddenSetOnceAndAnAccessChangeHoldsForTheNext() {
        String secret = secretWithOneAlert();
        List<Set<String>> seen = new java.util.ArrayList<>();
        visibility.readOnce(MALLORY, () -> {
            seen.add(visibility.hiddenFrom(MALLORY));
            seen.add(visibility.hiddenFrom(MALLORY));
            assertThat(visibility.hiddenFrom(ALICE)).as("another viewer's rule inside it").doesNotContain(secret);
            return null;
        });
        assertThat(seen.get(0)).contains(secret).isSameAs(seen.get(1));

        incidents.setAccess(secret, true, Set.of("alice", "mallory"), ALICE);
        assertThat(visibility.hiddenFrom(MALLORY)).as("nothing read for the last answer lingers")
                .doesNotContain(secret);
    }

    @Test
    void aNonMemberCannotWriteIntoARestrictedIncidentNorLearnItExists() {
        String secret = secretWithOneAlert();
        long before = rows.count();

        assertThatThrownBy(() -> store.append(new EventBatch(threeAlerts(), List.of(), secret, null, MALLORY)))
                .isInstanceOf(NotFoundException.class).hasMessage("no incident " + secret);
        assertThat(rows.count()).as("nothing stored").isEqualTo(before);
        assertThatThrownBy(() -> eventLookup.attach(secret, List.of(threeAlerts().get(1).id()), MALLORY))
                .isInstanceOf(NotFoundException.class).hasMessage("no incident " + secret);
    }

    @Test
    void reImportingHiddenEvidenceIsNeverConfirmedAsADuplicate() {
        secretWithOneAlert();

        AppendResult forMallory = store.append(new EventBatch(threeAlerts(), List.of(), null, null, MALLORY));
        AppendResult forAlice = store.append(new EventBatch(threeAlerts(), List.of(), null, null, ALICE));

        assertThat(forMallory.accepted()).as("the hidden alert reads as stored for her").isEqualTo(3);
        assertThat(forMallory.duplicates()).isZero();
        assertThat(forAlice.duplicates()).as("a member sees the truth").isEqualTo(3);
    }

    @Test
    void aKeyInUseGivesTheSameAnswerWhetherItsIncidentIsHiddenOrNot() {
        String secret = secretWithOneAlert();
        String open = "OPEN-" + source;
        incidents.create(new NewIncident(open, "open", TestEvents.T0, TestEvents.T0.plusSeconds(60), Severity.SEV3,
                null, null, false, Set.of()), ADMIN);

        assertThatThrownBy(() -> incidents.create(new NewIncident(secret, "x", TestEvents.T0,
                TestEvents.T0.plusSeconds(60), Severity.SEV3, null, "mallory", false, Set.of()), MALLORY))
                .isInstanceOf(ConflictException.class)
                .hasMessage("the incident key " + secret + " is in use; choose another");
        assertThatThrownBy(() -> incidents.create(new NewIncident(open, "x", TestEvents.T0,
                TestEvents.T0.plusSeconds(60), Severity.SEV3, null, "mallory", false, Set.of()), MALLORY))
                .isInstanceOf(ConflictException.class)
                .hasMessage("the incident key " + open + " is in use; choose another");
    }

    @Test
    void eventCountsLeaveOutEventsOfIncidentsTheViewerMayNotSee() {
        String secret = secretWithOneAlert();
        String open = "CNT-" + source;
        incidents.create(new NewIncident(open, "open", TestEvents.T0, TestEvents.T0.plusSeconds(3600), Severity.SEV3,
                null, null, false, Set.of()), ADMIN);
        store.append(new EventBatch(threeAlerts(), List.of(), open, null, ADMIN)); // the secret alert is in both

        assertThat(incidents.eventCounts(ADMIN)).containsEntry(open, 3L).containsEntry(secret, 1L);
        assertThat(incidents.eventCounts(MALLORY)).containsEntry(open, 2L).doesNotContainKey(secret);
    }

    @Test
    void deadLettersOfAnImportIntoAHiddenIncidentDoNotExistForNonMembers() {
        String secret = secretWithOneAlert();
        byte[] raw = ("{\"secret\": \"" + source + "\"").getBytes(StandardCharsets.UTF_8);
        DeadLetter.Replay replay = new DeadLetter.Replay("evidence.jsonl", new byte[0], new byte[0], secret, null,
                java.time.ZoneOffset.UTC, null, null);
        store.append(new EventBatch(List.of(), List.of(new DeadLetter("evidence.jsonl#1", "jsonl",
                "line 1: not valid JSON (" + source + ")", raw, replay)), secret, null, ALICE));
        long id = jdbc.queryForObject("select max(id) from dead_letter", Long.class);

        assertThat(deadLetters.list(MALLORY, false, 10_000)).noneMatch(l -> l.id() == id);
        assertThat(deadLetters.get(id, MALLORY)).isEmpty();
        assertThat(deadLetters.list(ALICE, false, 10_000)).anyMatch(l -> l.id() == id);
        DeadLetterStore.Letter letter = deadLetters.get(id, ALICE).orElseThrow();
        assertThat(letter.replay().incidentKey()).isEqualTo(secret);
        assertThat(letter.replay().name()).isEqualTo("evidence.jsonl");
        assertThat(letter.raw()).isEqualTo(raw);
    }

    @Test
    void evidenceOfAHiddenIncidentCannotBeCuratedThroughAnOpenOne() {
        secretWithOneAlert();
        String open = "CUROPEN-" + source;
        incidents.create(new NewIncident(open, "open", TestEvents.T0, TestEvents.T0.plusSeconds(3600), Severity.SEV3,
                null, null, false, Set.of()), ADMIN);
        String hiddenEvent = threeAlerts().get(0).id();

        assertThatThrownBy(() -> curation.edit(open, hiddenEvent, List.of(new CurationEdit.Pin(true)), MALLORY))
                .isInstanceOf(NotFoundException.class).hasMessage("no event " + hiddenEvent);
        assertThatThrownBy(() -> eventLookup.get(hiddenEvent, MALLORY)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> eventLookup.raw(hiddenEvent, MALLORY)).isInstanceOf(NotFoundException.class);
        assertThat(eventLookup.attach(open, List.of(hiddenEvent), MALLORY)).as("passed over").isZero();
    }

    @Test
    void similarIncidentsNeverQuoteWordsOfHiddenEvidence() throws Exception {
        int day = 60 * 24 * 1600;
        declare("OWN-" + source, day, false);
        declare("PAST-" + source, day - 60 * 24 * 7, false);
        incidents.create(new NewIncident("VEIL-" + source, "v", TestEvents.T0.plusSeconds(60L * day),
                TestEvents.T0.plusSeconds(60L * (day + 60)), Severity.SEV1, null, "alice", true, Set.of("alice")),
                ADMIN);
        Event shared = event(source, day, EventKind.ALERT_FIRING, "Quasar cluster saturated").build();
        Event secret = event(source, day + 1, EventKind.NOTE, "Zanzibar credentials exfiltrated").build();
        attach("OWN-" + source, shared);
        attach("VEIL-" + source, secret);
        attach("OWN-" + source, secret); // the secret note is attached to the open incident too
        attach("PAST-" + source, event(source, day - 60 * 24 * 7, EventKind.ALERT_FIRING,
                "Quasar cluster saturated again, Zanzibar credentials exfiltrated").build());
        index.refresh();

        SimilarIncident past = timelines.similar("OWN-" + source, MALLORY, 10).stream()
                .filter(x -> x.key().equals("PAST-" + source)).findFirst().orElseThrow();

        assertThat(past.sharedWords()).contains("quasar").doesNotContain("zanzibar", "credentials", "exfiltrated");
        assertThat(timelines.similar("OWN-" + source, ALICE, 10).stream()
                .filter(x -> x.key().equals("PAST-" + source)).findFirst().orElseThrow().sharedWords())
                .contains("zanzibar");
    }
}
