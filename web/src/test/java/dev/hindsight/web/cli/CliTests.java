package dev.hindsight.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command-line contract, run as a user would: import, re-import, search, incidents, check, errors. */
class CliTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private JsonNode json(CliRunner.Result result) {
        assertThat(result.err()).doesNotContain("Exception");
        return JSON.readTree(result.out());
    }

    private Path feed() throws Exception {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file,
                """
                        {"at":"2014-08-12T07:50:00Z","title":"Extreme latency and packet loss at dc-east","source":"nagios","kind":"ALERT_FIRING","host":"lb1"}
                        {"at":"2014-08-12T07:54:00Z","title":"Monitoring paged two operators","kind":"PAGE_TRIGGERED","id":"pd-1"}
                        {"at":"2014-08-12T12:30:00Z","title":"Users report logout errors","kind":"CHAT_MESSAGE","actor":"support"}
                        {"at":"not a time","title":"broken"}
                        """);
        return file;
    }

    @Test
    void usersAndTokensAreListedDisabledAndRevokedFromTheCommandLine() throws Exception {
        String data = dir.resolve("accounts").toString();
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(
                    "a long enough password\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            JsonNode added = json(CliRunner.run("user", "add", "vera", "--role", "COMMANDER", "--email",
                    "vera@example.org", "--data", data));
            assertThat(added.get("user").asString()).isEqualTo("vera");
        } finally {
            System.setIn(stdin);
        }
        JsonNode users = json(CliRunner.run("user", "list", "--data", data));
        assertThat(users.get(0).get("username").asString()).isEqualTo("vera");
        assertThat(users.get(0).get("email").asString()).isEqualTo("vera@example.org");
        assertThat(users.get(0).get("enabled").asBoolean()).isTrue();

        assertThat(CliRunner.run("token", "create", "ci", "--role", "ADMIN", "--owner", "vera", "--data", data).exit())
                .as("a token above its owner's role").isEqualTo(2);
        json(CliRunner.run("token", "create", "ci", "--role", "RESPONDER", "--owner", "vera", "--expires",
                "2099-01-01", "--data", data));
        JsonNode tokens = json(CliRunner.run("token", "list", "--data", data));
        assertThat(tokens.get(0).get("name").asString()).isEqualTo("ci");
        assertThat(tokens.get(0).get("owner").asString()).isEqualTo("vera");
        assertThat(tokens.get(0).get("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(tokens.get(0).has("token")).as("the secret is never listed").isFalse();

        assertThat(json(CliRunner.run("user", "disable", "vera", "--data", data)).get("enabled").asBoolean())
                .isFalse();
        assertThat(json(CliRunner.run("user", "enable", "vera", "--data", data)).get("enabled").asBoolean())
                .isTrue();
        assertThat(json(CliRunner.run("token", "revoke", "ci", "--data", data)).get("revoked").asInt()).isEqualTo(1);
        assertThat(json(CliRunner.run("token", "list", "--data", data)).get(0).get("revoked").asBoolean()).isTrue();
        CliRunner.Result again = CliRunner.run("token", "revoke", "ci", "--data", data);
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("no active token ci");
    }

    @Test
    void importThenSearchThenReimportGivesDuplicatesOnly() throws Exception {
        String data = dir.resolve("data").toString();
        Path file = feed();

        JsonNode first = json(CliRunner.run("import", "--data", data, file.toString()));
        assertThat(first.get("accepted").asInt()).isEqualTo(3);
        assertThat(first.get("rejected").asInt()).isEqualTo(1);
        assertThat(first.get("rejections").get(0).get("source").asString()).endsWith("x.jsonl#4");
        assertThat(first.get("rejections").get(0).get("reason").asString()).contains("field 'at'");

        assertThat(json(CliRunner.run("search", "*", "--host", "lb1", "--data", data)).get("total").asInt())
                .isEqualTo(1);
        JsonNode found = json(CliRunner.run("search", "packet loss", "--data", data));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        JsonNode hit = found.get("hits").get(0);
        assertThat(hit.get("at").asString()).isEqualTo("2014-08-12T07:50:00Z");
        assertThat(hit.get("source").asString()).isEqualTo("nagios");
        assertThat(hit.get("kind").asString()).isEqualTo("ALERT_FIRING");
        assertThat(hit.get("snippet").asString()).contains("<mark>packet</mark>");
        assertThat(found.get("facets").get("source").get("nagios").asInt()).isEqualTo(1);

        JsonNode again = json(CliRunner.run("import", file.toString(), "--data", data));
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);

        CliRunner.Result check = CliRunner.run("check", "--data", data);
        assertThat(check.exit()).isZero();
        assertThat(json(check).get("databaseEvents").asInt()).isEqualTo(3);
        // everything lives in the data directory given, nowhere else
        assertThat(dir.resolve("data/db")).isDirectory();
        assertThat(dir.resolve("data/index")).isDirectory();
    }

    @Test
    void importIntoAnIncidentCreatesItAroundItsEvents() throws Exception {
        String data = dir.resolve("data").toString();
        CliRunner.run("import", "--data", data, "--incident", "LP-2014", feed().toString());

        JsonNode list = json(CliRunner.run("incident", "list", "--format", "json", "--data", data));

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("key").asString()).isEqualTo("LP-2014");
        assertThat(list.get(0).get("from").asString()).isEqualTo("2014-08-12T07:50:00Z");
        assertThat(list.get(0).get("to").asString()).isEqualTo("2014-08-12T12:30:00Z");
        assertThat(list.get(0).get("events").asInt()).isEqualTo(3);
        JsonNode scoped = json(CliRunner.run("search", "*", "--incident", "LP-2014", "--data", data));
        assertThat(scoped.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void exportWritesAReadableDocumentAndActionsListsAsJsonCsvAndIcs() throws Exception {
        String data = dir.resolve("data").toString();
        CliRunner.run("import", "--data", data, "--incident", "LP-2014", feed().toString());
        Path docx = dir.resolve("lp.docx");

        CliRunner.Result exported = CliRunner.run("export", "LP-2014", "--format", "docx", "--out", docx.toString(),
                "--data", data);

        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.out()).isEmpty();
        assertThat(exported.err()).contains("Wrote", "3 timeline entries");
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(java.nio.file.Files.newInputStream(docx))) {
            assertThat(doc.getParagraphs().stream().map(p -> p.getText())).contains("Summary", "Lessons learned",
                    "Timeline");
        }
        Path md = dir.resolve("lp.md");
        CliRunner.run("export", "LP-2014", "--format", "md", "--out", md.toString(), "--zone", "America/New_York",
                "--data", data);
        assertThat(java.nio.file.Files.readString(md)).contains("# Post-mortem: LP-2014", "EDT");
        assertThat(CliRunner.run("export", "LP-2014", "--format", "odt", "--out", md.toString(), "--data", data).exit())
                .isEqualTo(2);
        assertThat(CliRunner.run("export", "NOPE", "--format", "md", "--out", md.toString(), "--data", data).exit())
                .isEqualTo(1);

        assertThat(json(CliRunner.run("actions", "--overdue", "--format", "json", "--data", data)).isArray()).isTrue();
        assertThat(CliRunner.run("actions", "--format", "csv", "--data", data).out()).startsWith("id,incident,title");
        assertThat(CliRunner.run("actions", "--format", "ics", "--data", data).out()).startsWith("BEGIN:VCALENDAR");
    }

    @Test
    void aBackupRestoresIntoANewDataDirectoryThatPassesCheck() throws Exception {
        String data = dir.resolve("data").toString();
        CliRunner.run("import", "--data", data, "--incident", "LP-2014", feed().toString());
        Path backup = dir.resolve("backup");

        CliRunner.Result made = CliRunner.run("backup", backup.toString(), "--data", data);

        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(json(made).get("events").asInt()).isEqualTo(3);
        assertThat(backup.resolve("hindsight-db.zip")).isRegularFile();
        assertThat(CliRunner.run("backup", backup.toString(), "--data", data).exit()).as("not into a used directory")
                .isEqualTo(2);

        String restored = dir.resolve("restored").toString();
        CliRunner.Result restore = CliRunner.run("restore", backup.toString(), "--data", restored);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(json(restore).get("consistent").asBoolean()).isTrue();
        assertThat(json(restore).get("databaseEvents").asInt()).isEqualTo(3);
        assertThat(json(CliRunner.run("search", "*", "--incident", "LP-2014", "--data", restored)).get("total").asInt())
                .isEqualTo(3);
        assertThat(CliRunner.run("restore", backup.toString(), "--data", restored).exit()).as("never over a database")
                .isEqualTo(2);
    }

    @Test
    void incidentCreateValidatesItsArguments() {
        String data = dir.resolve("data").toString();
        CliRunner.Result created = CliRunner.run("incident", "create", "INC-1", "--title", "DC outage", "--from",
                "2014-08-12T07:50:00Z", "--to", "2014-08-13T00:45:00Z", "--severity", "SEV1", "--restricted",
                "--member", "alice", "--data", data);
        assertThat(created.exit()).isZero();
        assertThat(json(created).get("restricted").asBoolean()).isTrue();

        CliRunner.Result duplicate = CliRunner.run("incident", "create", "INC-1", "--title", "again", "--from",
                "2014-08-12T07:50:00Z", "--to", "2014-08-13T00:45:00Z", "--data", data);
        assertThat(duplicate.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(duplicate.err()).contains("the incident key INC-1 is in use; choose another");

        CliRunner.Result badSeverity = CliRunner.run("incident", "create", "INC-2", "--title", "t", "--from",
                "2014-08-12", "--to", "2014-08-13", "--severity", "SEV9", "--data", data);
        assertThat(badSeverity.exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anIncidentIsUpdatedClosedAndReopenedFromTheCommandLine() {
        String data = dir.resolve("data").toString();
        CliRunner.run("incident", "create", "INC-9", "--title", "INC-9", "--from", "2014-08-12T07:50:00Z", "--to",
                "2014-08-13T00:45:00Z", "--data", data);

        CliRunner.Result updated = CliRunner.run("incident", "update", "INC-9", "--title", "DC outage",
                "--severity", "SEV1", "--status", "identified", "--tag", "network", "--tag", "provider", "--data",
                data);
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(json(updated).get("title").asString()).isEqualTo("DC outage");
        assertThat(json(updated).get("status").asString()).isEqualTo("IDENTIFIED");
        assertThat(json(updated).get("tags").toString()).isEqualTo("[\"network\",\"provider\"]");

        assertThat(json(CliRunner.run("incident", "close", "INC-9", "--data", data)).get("status").asString())
                .isEqualTo("CLOSED");
        assertThat(json(CliRunner.run("incident", "reopen", "INC-9", "--data", data)).get("status").asString())
                .isEqualTo("INVESTIGATING");

        CliRunner.Result absurd = CliRunner.run("incident", "update", "INC-9", "--from", "1900-01-01T00:00:00Z",
                "--data", data);
        assertThat(absurd.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(absurd.err()).contains("between 1990 and 2100");
        CliRunner.Result badStatus = CliRunner.run("incident", "update", "INC-9", "--status", "done", "--data", data);
        assertThat(badStatus.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badStatus.err()).contains("status 'done' is not one of");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(CliRunner.run("import", "--data", data).exit()).isEqualTo(2);
        CliRunner.Result badFormat = CliRunner.run("import", "--format", "yaml", "--data", data, feed().toString());
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("unknown format 'yaml'");
        CliRunner.Result badQuery = CliRunner.run("search", "*oops", "--data", data);
        assertThat(badQuery.exit()).isEqualTo(2);
        assertThat(badQuery.err()).contains("wildcard");
        assertThat(CliRunner.run("frobnicate").exit()).isEqualTo(2);
    }

    @Test
    void rejectedRecordsAreListedAndAReplayThatStillFailsSaysWhy() throws Exception {
        String data = dir.resolve("data").toString();
        CliRunner.run("import", "--data", data, feed().toString());

        JsonNode letters = json(CliRunner.run("dead-letters", "list", "--data", data));
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).get("origin").asString()).endsWith("x.jsonl#4");
        assertThat(letters.get(0).get("reason").asString()).contains("field 'at'");

        CliRunner.Result replay = CliRunner.run("dead-letters", "replay", "--data", data);
        assertThat(replay.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(json(replay).get(0).get("replayed").asBoolean()).isFalse();
        assertThat(json(replay).get(0).get("reason").asString()).contains("field 'at'");
    }

    @Test
    void theGeneratorIsSeededAndItsCorpusImports() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        JsonNode made = json(CliRunner.run("generate", "--events", "3000", "--incidents", "2", "--seed", "7", "--out",
                a.toString()));
        CliRunner.run("generate", "--events", "3000", "--incidents", "2", "--seed", "7", "--out", b.toString());

        assertThat(Files.readAllLines(a)).hasSize(made.get("events").asInt()).isEqualTo(Files.readAllLines(b));
        assertThat(made.get("events").asInt()).isGreaterThan(3000); // background plus the planted incidents
        assertThat(JsonMapper.builder().build().readTree(dir.resolve("a.jsonl.truth.json").toFile()).get("incidents"))
                .hasSize(2);
        JsonNode imported = json(CliRunner.run("import", "--data", dir.resolve("data").toString(), a.toString()));
        assertThat(imported.get("accepted").asInt()).isEqualTo(made.get("events").asInt());
        assertThat(imported.get("rejected").asInt()).isZero();
    }

    @Test
    void nothingReadableExitsWithOne() {
        CliRunner.Result result = CliRunner.run("import", "--data", dir.resolve("data").toString(),
                dir.resolve("missing.jsonl").toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(json(result).get("rejected").asInt()).isEqualTo(1);
    }

    @Test
    void aDataDirectoryHeldByAnotherProcessIsRefusedClearly() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectory held = DataDirectory.lock(data).orElseThrow()) {
            CliRunner.Result result = CliRunner.run("search", "*", "--data", data.toString());
            assertThat(result.exit()).isEqualTo(ExitCodes.BUSY);
            assertThat(result.err()).contains("in use by another Hindsight process");
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][]{{"--help"}, {"import", "--help"}, {"search", "--help"},
                {"dead-letters", "replay", "--help"}, {"timeline", "--help"}, {"generate", "--help"},
                {"incident", "create", "--help"}, {"incident", "update", "--help"}, {"incident", "close", "--help"},
                {"incident", "reopen", "--help"},
                {"incident", "list", "--help"}, {"check", "--help"}, {"reindex", "--help"}, {"serve", "--help"},
                {"user", "add", "--help"}, {"token", "create", "--help"}, {"user", "list", "--help"},
                {"token", "list", "--help"}, {"token", "revoke", "--help"}, {"generate-year", "--help"},
                {"dashboard", "--help"},
                {"export", "--help"}, {"actions", "--help"}, {"backup", "--help"}, {"restore", "--help"}}) {
            CliRunner.Result help = CliRunner.run(command);
            assertThat(help.exit()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).contains("Usage: hindsight");
        }
    }
}
