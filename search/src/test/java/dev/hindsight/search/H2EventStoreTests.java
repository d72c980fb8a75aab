package dev.hindsight.search;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store contract on the embedded default: an H2 file database with durable commits. */
@SpringBootTest(classes = SearchTestApplication.class)
class H2EventStoreTests extends EventStoreContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        TestH2.register(registry, "hindsight-h2-");
    }
}
