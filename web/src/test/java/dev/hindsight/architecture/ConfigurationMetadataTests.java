package dev.hindsight.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every module's settings are described for IDEs and {@code --help} readers: the configuration processor writes each
 * module's metadata from its properties record, nested settings included, and every Hindsight setting says what it
 * does.
 */
class ConfigurationMetadataTests {

    @Test
    void everyModuleDescribesItsSettings() throws IOException {
        Map<String, String> described = new TreeMap<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = JsonMapper.builder().build().readTree(in);
                for (JsonNode property : metadata.path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("hindsight.")) {
                        described.put(name, property.path("description").asString(""));
                    }
                }
            }
        }

        assertThat(described).containsKeys("hindsight.data", "hindsight.web.samples", "hindsight.web.hooks-per-minute",
                "hindsight.search.min-free-disk", "hindsight.search.timeline.comms-gap",
                "hindsight.ingest.pull.allowed-hosts", "hindsight.ingest.pagerduty.webhook-secrets",
                "hindsight.reporting.jira.base-url");
        assertThat(described).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
    }
}
