package dev.hindsight.web.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh data directory for one test application: its own H2 database (durable commits) and index. */
public final class TestDataDirectory {

    private TestDataDirectory() {}

    public static Path register(DynamicPropertyRegistry registry, String prefix) throws IOException {
        Path data = Files.createTempDirectory(prefix);
        registry.add("hindsight.data", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data + "/db/hindsight;WRITE_DELAY=0");
        return data;
    }
}
