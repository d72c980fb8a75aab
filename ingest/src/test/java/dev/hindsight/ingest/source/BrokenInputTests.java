package dev.hindsight.ingest.source;

import dev.hindsight.core.incident.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile inputs: each gets one clear rejection, and everything else still imports. */
class BrokenInputTests {

    @TempDir
    Path dir;

    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final FileImporter importer = new FileImporter(sink, Fixtures.registry());

    private ImportReport importDir() {
        return importer.importPaths(List.of(dir), ImportOptions.defaults(), Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);
    }

    private static String reasonFor(ImportReport report, String file) {
        return report.rejections().stream().filter(r -> r.source().endsWith(file)).map(ImportReport.Rejection::reason)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rejection for " + file + " in " + report.rejections()));
    }

    @Test
    void aFolderOfBrokenInputsGivesOneClearRejectionEachAndImportsTheRest() throws Exception {
        Fixtures.copy("formats-broken", dir);
        Fixtures.zip(dir.resolve("slip.zip"),
                Map.of("../../../tmp/evil.jsonl", "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"evil\"}\n"));
        Files.writeString(dir.resolve("good.jsonl"),
                "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"still imported\"}\n");

        ImportReport report = importDir();

        assertThat(report.rejected()).isEqualTo(4);
        assertThat(reasonFor(report, "truncated-pagerduty.json"))
                .startsWith("not a valid pagerduty file: not valid JSON");
        assertThat(reasonFor(report, "statuspage-error.json")).startsWith("cannot tell the format of this file");
        assertThat(reasonFor(report, "no-date.eml")).isEqualTo("the e-mail has no (valid) Date header");
        assertThat(reasonFor(report, "slip.zip")).isEqualTo(
                "archive refused: entry '../../../tmp/evil.jsonl' would escape the archive (zip slip)");
        assertThat(sink.events()).extracting(Event::title).containsExactly("still imported");
        assertThat(sink.deadLetters()).hasSize(4);
        assertThat(sink.deadLetters()).anySatisfy(
                d -> assertThat(new String(d.raw(), StandardCharsets.UTF_8)).contains("We are still investigating"));
    }

    @Test
    void zipSlipVariantsAreAllRefused() throws Exception {
        List<String> names = List.of("../evil.jsonl", "a/../../evil.jsonl", "/etc/evil.jsonl", "C:/evil.jsonl",
                "a\\..\\..\\evil.jsonl", "ok/../../../evil.jsonl");
        for (int i = 0; i < names.size(); i++) {
            Fixtures.zip(dir.resolve("slip" + i + ".zip"),
                    Map.of(names.get(i), "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"x\"}\n"));
        }

        ImportReport report = importDir();

        assertThat(report.rejected()).isEqualTo(names.size());
        assertThat(report.rejections()).allSatisfy(r -> assertThat(r.reason()).contains("would escape the archive"));
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void zipBombsSymlinksAndDuplicateNamesAreRefused() throws Exception {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(dir.resolve("bomb.zip"))) {
            out.putArchiveEntry(new ZipArchiveEntry("zeros.jsonl"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                out.write(zeros);
            }
            out.closeArchiveEntry();
        }
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(dir.resolve("link.zip"))) {
            ZipArchiveEntry link = new ZipArchiveEntry("passwd.jsonl");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(dir.resolve("twice.zip"))) {
            for (int i = 0; i < 2; i++) {
                out.putArchiveEntry(new ZipArchiveEntry("same.jsonl"));
                out.write(("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"copy " + i + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }

        ImportReport report = importDir();

        assertThat(reasonFor(report, "bomb.zip")).contains("zip bomb");
        assertThat(reasonFor(report, "link.zip")).contains("symbolic link");
        assertThat(reasonFor(report, "twice.zip")).contains("appears twice");
        assertThat(sink.events()).isEmpty();
    }

    /**
     * XML-ish uploads (an XML file, an SVG, a DOCX, a billion-laughs file) are no source format: each is refused by
     * name without its entities ever being resolved. A listener stands where the external entities point and must see
     * no connection; the billion laughs must not be expanded (the import returns at once).
     */
    @Test
    void xmlExternalEntitiesAndEntityBombsAreNeverResolved() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (var socket = listener.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String external = "http://127.0.0.1:" + listener.getLocalPort() + "/xxe";
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + external
                    + "\"><!ENTITY % p SYSTEM \""
                    + external + "/dtd\"> %p;]><r>&x;</r>";
            Files.writeString(dir.resolve("evil.xml"), xxe);
            Files.writeString(dir.resolve("evil.svg"),
                    xxe.replace("<r>&x;</r>", "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>"));
            Fixtures.zip(dir.resolve("evil.docx"), Map.of("[Content_Types].xml", xxe, "word/document.xml", xxe));
            StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY l0 \"lol\">");
            for (int i = 1; i < 10; i++) {
                laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                        .append("\">");
            }
            Files.writeString(dir.resolve("laughs.xml"), laughs.append("]><l>&l9;</l>").toString());

            long started = System.nanoTime();
            ImportReport report = importDir();
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(report.rejections()).extracting(ImportReport.Rejection::source)
                    .anySatisfy(s -> assertThat(s).endsWith("evil.xml"))
                    .anySatisfy(s -> assertThat(s).endsWith("evil.svg"))
                    .anySatisfy(s -> assertThat(s).endsWith("evil.docx#word/document.xml"))
                    .anySatisfy(s -> assertThat(s).endsWith("laughs.xml"));
            assertThat(report.rejections())
                    .allSatisfy(r -> assertThat(r.reason()).startsWith("cannot tell the format of this file"));
            assertThat(sink.events()).isEmpty();
            assertThat(millis).as("nothing was expanded").isLessThan(5_000);
            Thread.sleep(200);
            assertThat(connections).as("no external entity was fetched").hasValue(0);
        }
    }

    @Test
    void anArchiveOfOrdinaryFilesImportsEachEntryByItsOwnFormat() throws Exception {
        Fixtures.zip(dir.resolve("evidence.zip"), Map.of(
                "alerts/notification.json",
                Files.readString(Fixtures.resource("formats/alertmanager-notification.json")),
                "logs/nagios.log", Files.readString(Fixtures.resource("formats/nagios.log")),
                "__MACOSX/._nagios.log", "resource fork",
                "inner.zip", "PK\u0003\u0004not really"));

        ImportReport report = importDir();

        assertThat(sink.events()).extracting(Event::source).containsOnly("alertmanager", "nagios");
        assertThat(reasonFor(report, "evidence.zip#inner.zip"))
                .isEqualTo("archive refused: not a readable zip archive: Archive is not a ZIP archive");
        assertThat(sink.events()).anySatisfy(e -> assertThat(e.raw().origin())
                .startsWith(dir.resolve("evidence.zip") + "#alerts/notification.json"));
    }

    @Test
    void anMboxHoldsSeveralNoticesAndADatelessOneIsRejectedAlone() throws Exception {
        Files.writeString(dir.resolve("provider.mbox"), """
                From noc@dc-provider.example Tue Aug 12 08:20:00 2014
                From: noc@dc-provider.example
                Subject: Ticket 884213 opened: network degradation in dc-east
                Date: Tue, 12 Aug 2014 04:20:00 -0400
                Message-ID: <tt-884213-open@dc-provider.example>

                We are investigating reports of packet loss.
                >From the field: engineers dispatched.

                From noc@dc-provider.example Tue Aug 12 14:00:00 2014
                From: noc@dc-provider.example
                Subject: Ticket 884213 update
                Message-ID: <tt-884213-update-1@dc-provider.example>

                Core routers will be reloaded.

                From noc@dc-provider.example Tue Aug 12 18:15:00 2014
                From: noc@dc-provider.example
                Subject: Ticket 884213 resolved
                Date: Tue, 12 Aug 2014 14:15:00 -0400
                Message-ID: <tt-884213-resolved@dc-provider.example>

                Service restored: 2014-08-12 18:15 UTC
                """);

        ImportReport report = importDir();

        assertThat(sink.events()).extracting(Event::title)
                .containsExactly("Ticket 884213 opened: network degradation in dc-east", "Ticket 884213 resolved");
        assertThat(sink.events().get(0).text()).contains("From the field"); // mbox quoting undone
        assertThat(sink.events().get(1).labels()).containsEntry("stated.impactEnd", "2014-08-12T18:15:00Z");
        assertThat(report.rejections()).singleElement().satisfies(r -> {
            assertThat(r.source()).endsWith("provider.mbox#2");
            assertThat(r.reason()).isEqualTo("message 2: the e-mail has no (valid) Date header");
        });
    }

    @Test
    void legacyGrafanaBodiesAndAlertsWithoutAnEndAreRejectedWithTheirReason() throws Exception {
        Files.writeString(dir.resolve("legacy.json"),
                "{\"orgId\":1,\"alerts\":[],\"ruleName\":\"cpu\",\"evalMatches\":[],\"state\":\"alerting\"}");
        Files.writeString(dir.resolve("am.json"),
                """
                        {"version":"4","groupKey":"g","status":"resolved","receiver":"r","alerts":[
                          {"status":"resolved","labels":{"alertname":"X"},"annotations":{},"startsAt":"2014-08-12T08:00:00Z","endsAt":"0001-01-01T00:00:00Z"},
                          {"status":"firing","labels":{"alertname":"Y"},"annotations":{},"startsAt":"2014-08-12T08:01:00Z","endsAt":"0001-01-01T00:00:00Z"}]}
                        """);

        ImportReport report = importDir();

        assertThat(reasonFor(report, "legacy.json")).contains("legacy (pre-unified alerting)");
        assertThat(reasonFor(report, "am.json#alerts[0]"))
                .isEqualTo("alerts[0]: a resolved alert needs a real endsAt, found 0001-01-01T00:00:00Z");
        assertThat(sink.events()).extracting(Event::title).containsExactly("Y");
    }

    @Test
    void aLoneSlackDayFileTakesItsChannelFromItsFolder() throws Exception {
        Path day = dir.resolve("incident-dc/2014-08-12.json");
        Files.createDirectories(day.getParent());
        try (OutputStream out = Files.newOutputStream(day)) {
            out.write(
                    "[{\"type\":\"message\",\"user\":\"U01\",\"ts\":\"1407830000.000100\",\"text\":\"is anyone on the bridge?\"}]"
                            .getBytes(StandardCharsets.UTF_8));
        }

        importDir();

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("slack");
            assertThat(e.labels()).containsEntry("channel", "#incident-dc");
            assertThat(e.actor()).isEqualTo("U01");
        });
    }
}
