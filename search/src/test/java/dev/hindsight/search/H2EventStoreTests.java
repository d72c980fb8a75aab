package dev.hindsight.search;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store contract on the embedded default: an H2 file database with durable commits. */
@SpringBootTest(classes = SearchTestApplication.class)
class H2EventStoreTests extends EventStoreContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("hindsight-h2-");
        registry.add("hindsight.data", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data + "/db/hindsight;WRITE_DELAY=0");
    }
}
