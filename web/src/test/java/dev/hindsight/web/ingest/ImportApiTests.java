package dev.hindsight.web.ingest;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest
@AutoConfigureMockMvc
class ImportApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path data;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        data = TestDataDirectory.register(registry, "hindsight-imports-");
    }

    /** Records without ids dedup by content, so each test's feed says which test it belongs to. */
    private static MockMultipartFile feed(String name, String test) {
        return new MockMultipartFile("file", name, "application/x-ndjson", (String.format(Locale.ROOT, """
                {"at":"2014-08-12T07:50:00Z","title":"packet loss at dc-east","kind":"ALERT_FIRING","text":"%s"}
                {"at":"2014-08-12T07:54:00Z","title":"operators paged","kind":"PAGE_TRIGGERED","text":"%s"}
                {"at":"tomorrow","title":"bad"}
                """, test, test)).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode awaitDone(String token, String location) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode job = JSON.readTree(mvc.perform(get(location).header("Authorization", token))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            if (job.get("status").asString().equals("DONE") || job.get("status").asString().equals("FAILED")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import did not finish");
    }

    @Test
    void anUploadImportsInTheBackgroundAndReportsTheImportJson() throws Exception {
        String token = "Bearer " + accounts.createToken("uploader", Role.RESPONDER);

        var response = mvc
                .perform(
                        multipart("/api/imports").file(feed("../../etc/feed.jsonl", "upload")).param("incident", "UP-1")
                                .header("Authorization", token))
                .andExpect(status().isAccepted())
                .andReturn().getResponse();
        JsonNode done = awaitDone(token, response.getHeader("Location"));

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("accepted").asInt()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("accepted").asInt()).isEqualTo(2);
        assertThat(done.get("rejected").asInt()).isEqualTo(1);
        assertThat(done.get("rejections").get(0).get("reason").asString()).contains("field 'at'");
        assertThat(done.get("rejections").get(0).get("source").asString()).isEqualTo("feed.jsonl#3");
        assertThat(done.get("files").get(0).asString()).isEqualTo("feed.jsonl"); // the path was dropped
        assertThat(data.resolve("etc")).doesNotExist();

        var again = mvc
                .perform(multipart("/api/imports").file(feed("feed.jsonl", "upload")).header("Authorization", token))
                .andReturn().getResponse();
        JsonNode second = awaitDone(token, again.getHeader("Location"));
        assertThat(second.get("duplicates").asInt()).isEqualTo(2);
        assertThat(second.get("accepted").asInt()).isZero();
    }

    @Test
    void viewersMayNotImportAndOthersMayNotReadSomeoneElsesJob() throws Exception {
        String viewer = "Bearer " + accounts.createToken("reader", Role.VIEWER);
        String responder = "Bearer " + accounts.createToken("other-responder", Role.RESPONDER);
        String owner = "Bearer " + accounts.createToken("owner", Role.RESPONDER);

        mvc.perform(multipart("/api/imports").file(feed("x.jsonl", "roles")).header("Authorization", viewer))
                .andExpect(status().isForbidden());
        String location = mvc
                .perform(multipart("/api/imports").file(feed("x.jsonl", "roles")).header("Authorization", owner))
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(get(location).header("Authorization", responder)).andExpect(status().isNotFound());
        awaitDone(owner, location);
    }

    @Test
    void unsafeNamesAreFlattened() {
        assertThat(ImportJobs.safeName("..\\..\\windows\\evil.jsonl")).isEqualTo("evil.jsonl");
        assertThat(ImportJobs.safeName("../.ssh")).isEqualTo("upload.ssh");
        assertThat(ImportJobs.safeName("rfo <2014>.eml")).isEqualTo("rfo _2014_.eml");
        assertThat(ImportJobs.safeName("#lastpass-ops.log")).isEqualTo("#lastpass-ops.log");
        assertThat(ImportJobs.safeName("C:\\logs\\syslog-2014-08-12 (copy).log"))
                .isEqualTo("syslog-2014-08-12 (copy).log");
    }
}
