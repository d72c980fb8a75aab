package dev.hindsight.search.opensearch;

import dev.hindsight.search.EventSearchContractTests;
import dev.hindsight.search.SearchTestApplication;
import dev.hindsight.search.TestH2;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event search contract on a real OpenSearch server, fed from the database by the feed. */
@SpringBootTest(classes = SearchTestApplication.class)
class OpenSearchEventSearchTests extends EventSearchContractTests {

    @Autowired
    OpenSearchFeed feed;

    @Autowired
    OpenSearchIndex index;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) throws Exception {
        TestH2.register(registry, "hindsight-os-");
        OpenSearchServer.register(registry, "contract-");
    }

    @Override
    protected void awaitSearchable() {
        feed.catchUp();
        index.refresh();
    }
}
