package dev.hindsight.web.security;

import dev.hindsight.search.opensearch.OpenSearchFeed;
import dev.hindsight.search.opensearch.OpenSearchIndex;
import dev.hindsight.search.opensearch.OpenSearchServer;
import dev.hindsight.web.support.TestPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole access table again, on the engines of a scaled-out deployment, all real: PostgreSQL (embedded binaries)
 * as the database with sessions and job locks in it, event search on an OpenSearch server, Kafka (embedded, KRaft)
 * as the ingest bus. Every role gets exactly the access the table gives, and a restricted incident stays invisible to
 * non-members in search hits, totals and facets (answered by OpenSearch), dead letters, lists and counts.
 */
@SpringBootTest(properties = {"hindsight.ingest.bus.kind=kafka",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 2)
@DirtiesContext // the consumers, the feed and the broker stop with the class, not at the end of the run
class ClusterAccessTableTests extends AccessTableTests {

    static EmbeddedPostgres postgres;

    @Autowired
    OpenSearchFeed feed;

    @Autowired
    OpenSearchIndex index;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) throws Exception {
        postgres = EmbeddedPostgres.builder().setPort(TestPorts.free()).start();
        // it outlives the class: the context (closed after the class) still holds connections when @AfterAll runs
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (java.io.IOException e) {
                // the JVM is going away; its temporary directory goes with it
            }
        }));
        int port = postgres.getPort();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        OpenSearchServer.register(registry, "access-");
    }

    /** After the seed: OpenSearch follows the database's sequence, so the seeded events are searchable there. */
    @BeforeAll
    void searchable() {
        feed.catchUp();
        index.refresh();
    }

}
