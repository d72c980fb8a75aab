package dev.hindsight.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh data directory with its H2 file database (durable commits), for one test class's application. */
public final class TestH2 {

    private TestH2() {}

    public static Path register(DynamicPropertyRegistry registry, String prefix) throws IOException {
        Path data = Files.createTempDirectory(prefix);
        registry.add("hindsight.data", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data + "/db/hindsight;WRITE_DELAY=0");
        return data;
    }
}
