package dev.hindsight.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.timeline.Timelines;
import dev.hindsight.search.unified.UnifiedSearch;
import dev.hindsight.web.search.SearchQueries;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line beside a running server: a data directory held by the server is reached through it (no exit 3),
 * and {@code --server} with a stored login works from anywhere; either way a command prints what it prints
 * in-process.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "hindsight.mode=serve")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientModeTests {

    static Path data;

    @LocalServerPort
    int port;

    @Autowired
    UnifiedSearch search;

    @Autowired
    Timelines timelines;

    @Autowired
    Accounts accounts;

    @Autowired
    dev.hindsight.search.internal.index.LuceneIndex index;

    @TempDir
    static Path home;

    DataDirectory held;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        data = TestDataDirectory.register(registry, "hindsight-client-");
    }

    @BeforeAll
    void holdTheDataDirectoryAsAServerDoes() throws Exception {
        held = DataDirectory.lock(data).orElseThrow();
        index.refresh();
        System.setProperty("hindsight.config", home.toString());
    }

    @AfterAll
    void release() throws Exception {
        held.close();
        System.clearProperty("hindsight.config");
    }

    @Test
    void aHeldDataDirectoryIsReachedThroughItsServerWithTheSameOutput() throws Exception {
        assertThat(data.resolve(LocalServer.FILE)).isRegularFile();
        CliRunner.Result remote = CliRunner.run("search", "packet loss", "--data", data.toString());
        assertThat(remote.exit()).as(remote.err()).isZero();
        assertThat(remote.out()).isEqualTo(printed(search.search(SearchQueries.of("packet loss", null, null, null,
                null, null, null, null, 20, 0, "default"), Set.of(UnifiedSearch.EVENT), Viewer.LOCAL_ADMIN)));

        CliRunner.Result timeline = CliRunner.run("timeline", "LP-2014-08-12", "--data", data.toString());
        assertThat(timeline.exit()).as(timeline.err()).isZero();
        assertThat(timeline.out()).isEqualTo(printed(timelines.timeline("LP-2014-08-12", Viewer.LOCAL_ADMIN)));

        CliRunner.Result text = CliRunner.run("incident", "list", "--format", "text", "--data", data.toString());
        assertThat(text.out()).contains("LP-2014-08-12").contains("CHK-2026-03-10");

        CliRunner.Result updated = CliRunner.run("incident", "update", "CHK-2026-03-10", "--tag", "payments",
                "--data", data.toString());
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(JSON.readTree(updated.out()).get("tags").get(0).asString()).isEqualTo("payments");

        Path feed = home.resolve("feed.jsonl");
        Files.writeString(feed, "{\"at\":\"2026-03-10T14:20:00Z\",\"title\":\"Manual check of checkout\"}\n"
                + "{\"at\":\"noon\",\"title\":\"broken\"}\n");
        CliRunner.Result imported = CliRunner.run("import", "--incident", "CHK-2026-03-10", feed.toString(), "--data",
                data.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode summary = JSON.readTree(imported.out());
        assertThat(summary.get("accepted").asInt()).isEqualTo(1);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("rejections").get(0).get("source").asString()).endsWith("feed.jsonl#2");

        Path md = home.resolve("lp.md");
        CliRunner.Result export = CliRunner.run("export", "LP-2014-08-12", "--format", "md", "--out", md.toString(),
                "--zone", "America/New_York", "--data", data.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(md)).contains("# Post-mortem").contains("EDT");
    }

    @Test
    void aStoredLoginTakesTheCommandLineToAServerAndABadTokenIsToldApart() throws Exception {
        accounts.addUser("lena", Role.VIEWER, "lena's long password");
        String token = accounts.createToken("lena-laptop", Role.VIEWER, "lena", null);
        String url = "http://127.0.0.1:" + port;

        assertThat(withStdin("hs_wrong\n", () -> CliRunner.run("login", "--server", url)).exit()).isEqualTo(2);
        CliRunner.Result login = withStdin(token + "\n", () -> CliRunner.run("login", "--server", url));
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(JSON.readTree(login.out()).get("username").asString()).isEqualTo("lena");
        assertThat(Files.getPosixFilePermissions(Credentials.file()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        CliRunner.Result list = CliRunner.run("incident", "list", "--server", url);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(JSON.readTree(list.out()).findValuesAsString("key")).contains("LP-2014-08-12");
        // a viewer may not change incidents, from the command line as anywhere
        CliRunner.Result refused = CliRunner.run("incident", "close", "LP-2014-08-12", "--server", url);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("may not do this");

        CliRunner.Result nobody = CliRunner.run("search", "x", "--server", "http://127.0.0.1:9");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("no server answers at http://127.0.0.1:9");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String printed(Object value) {
        StringWriter out = new StringWriter();
        Json.print(new PrintWriter(out), value);
        return out.toString();
    }

    private static CliRunner.Result withStdin(String text, java.util.function.Supplier<CliRunner.Result> run) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return run.get();
        } finally {
            System.setIn(stdin);
        }
    }
}
