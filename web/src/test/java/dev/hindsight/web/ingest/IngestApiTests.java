package dev.hindsight.web.ingest;

import dev.hindsight.web.support.TestDataDirectory;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Pull sources configured through the API: validated like properties, run on demand, visible with their status. */
@SpringBootTest
@AutoConfigureMockMvc
class IngestApiTests {

    static Path data;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        data = TestDataDirectory.register(registry, "hindsight-ingest-api-");
        registry.add("hindsight.ingest.pull.allowed-folders", () -> data.resolve("drop").toString());
        registry.add("hindsight.ingest.pull.allowed-hosts",
                () -> "status.provider.example,*.statuspage.io,api.pagerduty.com");
    }

    @Test
    void anAdminAddsAWatchedFolderThatImportsOnItsFirstRun() throws Exception {
        String admin = "Bearer " + accounts.createToken("admin", Role.ADMIN);
        String responder = "Bearer " + accounts.createToken("responder", Role.RESPONDER);
        Path drop = Files.createDirectories(data.resolve("drop"));
        Files.writeString(drop.resolve("a.jsonl"), "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"dropped\"}\n");
        Files.setLastModifiedTime(drop.resolve("a.jsonl"), java.nio.file.attribute.FileTime.fromMillis(0));
        String body = "{\"kind\":\"folder\",\"settings\":{\"name\":\"drop\",\"path\":\"" + drop
                + "\",\"interval\":\"PT1H\"}}";

        mvc.perform(post("/api/ingest/sources").header("Authorization", responder)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/ingest/sources").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("folder:drop"));
        mvc.perform(post("/api/ingest/sources/folder:drop/run").header("Authorization", admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.lastError").doesNotExist());
        mvc.perform(get("/api/ingest/sources").header("Authorization", responder))
                .andExpect(jsonPath("$[?(@.name == 'folder:drop')].accepted").value(1));

        mvc.perform(post("/api/ingest/sources").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content(body))
                .andExpect(status().isConflict()); // the name is in use
        mvc.perform(post("/api/ingest/sources").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"pagerduty\",\"settings\":{\"name\":\"x\",\"interval\":\"soon\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("invalid pagerduty settings")));
        mvc.perform(delete("/api/ingest/sources/folder:drop").header("Authorization", admin))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/ingest/sources/folder:drop").header("Authorization", admin))
                .andExpect(status().isNotFound());
    }

    /** An API caller cannot point the server at its own network or its own files. */
    @Test
    void pullTargetsOutsideTheAllowListsAreRefusedWithTheReason() throws Exception {
        String admin = "Bearer " + accounts.createToken("admin-ssrf", Role.ADMIN);
        for (String[] refused : new String[][]{
                {"statuspage", "{\"name\":\"meta\",\"url\":\"http://169.254.169.254/latest/meta-data/\"}",
                        "not in hindsight.ingest.pull.allowed-hosts"},
                {"statuspage", "{\"name\":\"local\",\"url\":\"http://localhost:8080/api/audit\"}",
                        "not in hindsight.ingest.pull.allowed-hosts"},
                {"statuspage", "{\"name\":\"file\",\"url\":\"file:///etc/passwd\"}", "http(s) URL"},
                {"pagerduty", "{\"name\":\"pd\",\"baseUrl\":\"https://evil.example\",\"token\":\"t\"}",
                        "not in hindsight.ingest.pull.allowed-hosts"},
                {"imap", "{\"name\":\"mail\",\"host\":\"10.0.0.5\",\"username\":\"u\",\"password\":\"p\"}",
                        "not in hindsight.ingest.pull.allowed-hosts"},
                {"folder", "{\"name\":\"etc\",\"path\":\"/etc\"}", "not under hindsight.ingest.pull.allowed-folders"},
                {"folder", "{\"name\":\"up\",\"path\":\"" + data.resolve("drop/../..") + "\"}",
                        "not under hindsight.ingest.pull.allowed-folders"}}) {
            mvc.perform(
                    post("/api/ingest/sources").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"kind\":\"" + refused[0] + "\",\"settings\":" + refused[1] + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(refused[2])));
        }
        mvc.perform(post("/api/ingest/sources").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content(
                        "{\"kind\":\"statuspage\",\"settings\":{\"name\":\"dc\",\"url\":\"https://status.provider.example/api/v2/incidents.json\",\"interval\":\"PT1H\"}}"))
                .andExpect(status().isCreated());
        mvc.perform(delete("/api/ingest/sources/statuspage:dc").header("Authorization", admin))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/ingest/sources/folder:drop").header("Authorization", admin))
                .andExpect(status().isNotFound());
    }
}
