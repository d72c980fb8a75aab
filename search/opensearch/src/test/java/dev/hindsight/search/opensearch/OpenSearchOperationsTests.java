package dev.hindsight.search.opensearch;

import static dev.hindsight.search.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.StoreUnavailableException;
import dev.hindsight.search.SearchTestApplication;
import dev.hindsight.search.TestH2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Running search on a cluster: searches really go to it, a reindex swaps the alias while searches go on, and an
 * outage of the cluster only delays search (503 meanwhile) while ingest keeps committing.
 */
@SpringBootTest(classes = SearchTestApplication.class)
class OpenSearchOperationsTests {

    @Autowired
    EventSink store;

    @Autowired
    EventSearch search;

    @Autowired
    OpenSearchFeed feed;

    @Autowired
    OpenSearchIndex index;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) throws Exception {
        TestH2.register(registry, "hindsight-os-ops-");
        OpenSearchServer.register(registry, "ops-");
    }

    private static List<Event> events(String source, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(source, i, EventKind.NOTE, "replica lag on db-" + i).build());
        }
        return events;
    }

    private long total(String source) {
        return search.search(new SearchQuery("replica", null, null, Map.of("source", Set.of(source)), 10, 0,
                SearchQuery.Sort.DEFAULT), Viewer.LOCAL_ADMIN).total();
    }

    @Test
    void searchesGoToTheClusterAndAReindexSwapsTheAliasWhileTheyGoOn() throws Exception {
        assertThat(search).isInstanceOf(OpenSearchEventSearch.class);
        String source = "r" + UUID.randomUUID().toString().substring(0, 8);
        store.append(EventBatch.of(events(source, 300)));
        feed.catchUp();
        index.refresh();
        String before = index.current().orElseThrow();
        assertThat(total(source)).isEqualTo(300);

        AtomicBoolean reindexing = new AtomicBoolean(true);
        ExecutorService searcher = Executors.newSingleThreadExecutor();
        Future<List<Long>> totals = searcher.submit(() -> {
            List<Long> seen = new ArrayList<>();
            while (reindexing.get()) {
                seen.add(total(source));
            }
            return seen;
        });
        String after = feed.reindex();
        reindexing.set(false);
        List<Long> seen = totals.get();
        searcher.shutdown();

        assertThat(after).isNotEqualTo(before);
        assertThat(index.current()).contains(after);
        assertThat(index.versions()).containsExactly(after);
        assertThat(seen).as("every search during the reindex saw every event").isNotEmpty().containsOnly(300L);
        index.refresh();
        assertThat(total(source)).isEqualTo(300);
    }

    @Test
    void whileTheClusterIsAwaySearchIsUnavailableIngestCommitsAndTheIndexCatchesUpAfter() throws Exception {
        String source = "o" + UUID.randomUUID().toString().substring(0, 8);
        store.append(EventBatch.of(events(source, 10)));
        feed.catchUp();
        index.refresh();
        OpenSearchServer server = OpenSearchServer.shared();
        server.stop();
        try {
            assertThatThrownBy(() -> total(source)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("search is unavailable");
            store.append(EventBatch.of(events(source, 25).subList(10, 25))); // ingest goes on
            assertThatThrownBy(feed::catchUp).isInstanceOf(StoreUnavailableException.class);
        } finally {
            server.start();
        }
        feed.catchUp();
        index.refresh();
        assertThat(total(source)).isEqualTo(25);
    }
}
