package dev.hindsight.search;

import dev.hindsight.search.internal.index.LuceneIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event search contract on the embedded default: this node's Lucene index over H2. */
@SpringBootTest(classes = SearchTestApplication.class)
class EmbeddedEventSearchTests extends EventSearchContractTests {

    @Autowired
    LuceneIndex index;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestH2.register(registry, "hindsight-search-");
    }

    @Override
    protected void awaitSearchable() throws Exception {
        index.refresh();
    }
}
