package dev.hindsight.ingest.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.source.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry of an archive gets exactly one outcome, whatever sits beside what: a Slack export in a subfolder of a
 * zip or a folder next to other evidence, zips inside zips, and files whose rejections would not end.
 */
class ArchiveOutcomesTests {

    @TempDir
    Path dir;

    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final FileImporter importer = new FileImporter(sink, Fixtures.registry());

    private static final String ALERTS = """
            {"version":"4","groupKey":"{}:{alertname=\\"PacketLoss\\"}","status":"firing","receiver":"hindsight",
             "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"PacketLoss","instance":"edge1"},
               "annotations":{"summary":"packet loss on edge1"},"startsAt":"2014-08-12T08:20:00Z",
               "endsAt":"0001-01-01T00:00:00Z","fingerprint":"a1"}]}
            """;

    @Test
    void aSlackExportInASubfolderOfAZipIsReadAsOneAndTheEntriesBesideItEachOnTheirOwn() throws Exception {
        Path export = dir.resolve("slack.zip");
        Fixtures.slackExport(export);
        Path evidence = dir.resolve("evidence.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(evidence);
                var slack = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(export).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(slack.getEntries())) {
                put(out, "incident/slack/" + e.getName(), slack.getInputStream(e).readAllBytes());
            }
            put(out, "incident/alertmanager.json", ALERTS.getBytes(StandardCharsets.UTF_8));
            put(out, "incident/README.txt", "notes for the review".getBytes(StandardCharsets.UTF_8));
        }

        ImportReport report = importAll(evidence);

        assertThat(sink.events()).extracting(Event::source).containsOnly("slack", "alertmanager");
        assertThat(sink.events()).filteredOn(e -> e.source().equals("slack")).extracting(Event::actor)
                .contains("maria", "Sam Ortiz"); // names from the export's users.json, not user ids
        assertThat(sink.events()).filteredOn(e -> e.source().equals("alertmanager")).hasSize(1);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::source)
                .contains("evidence.zip#incident/README.txt");
        // users.json and channels.json are read for names: skipped with their reason, not lost
        assertThat(report.skipped()).isGreaterThanOrEqualTo(2);
        assertThat(report.received()).isEqualTo(report.accepted() + report.duplicates() + report.skipped()
                + report.rejected());
    }

    @Test
    void aFolderHoldingASlackExportInASubfolderReadsItAsOne() throws Exception {
        Path export = dir.resolve("slack.zip");
        Fixtures.slackExport(export);
        Path folder = dir.resolve("evidence");
        try (var slack = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(export).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(slack.getEntries())) {
                Path target = folder.resolve("chat-export").resolve(e.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, slack.getInputStream(e).readAllBytes());
            }
        }
        Files.writeString(folder.resolve("alertmanager.json"), ALERTS);

        ImportReport report = importAll(folder);

        assertThat(report.rejections()).extracting(ImportReport.Rejection::source) // the fixture's one broken ts
                .containsExactly("evidence/chat-export#ops/2014-08-12.json#4");
        assertThat(sink.events()).filteredOn(e -> e.source().equals("slack")).extracting(Event::actor)
                .contains("maria", "Sam Ortiz");
        assertThat(sink.events()).filteredOn(e -> e.source().equals("alertmanager")).hasSize(1);
    }

    @Test
    void aZipInsideAZipIsOpenedAndNamedByBoth() throws Exception {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(inner)) {
            put(out, "alerts/am.json", ALERTS.getBytes(StandardCharsets.UTF_8));
        }
        Path outer = dir.resolve("outer.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(outer)) {
            put(out, "inner.zip", inner.toByteArray());
        }

        ImportReport report = importAll(outer);

        assertThat(report.rejections()).isEmpty();
        assertThat(sink.events()).singleElement().satisfies(e -> assertThat(e.raw().origin())
                .startsWith("outer.zip#inner.zip#alerts/am.json"));
    }

    @Test
    void aFileOfEndlessRejectionsKeepsTheFirstThousandAndCountsTheRest() throws Exception {
        Path junk = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"good\"}\n");
        for (int i = 0; i < 5_000; i++) {
            lines.append("{not json ").append(i).append('\n');
        }
        Files.writeString(junk, lines);

        ImportReport report = importAll(junk);

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(5_000);
        assertThat(sink.deadLetters()).hasSize(ImportRun.MAX_DEAD_LETTERS_PER_SOURCE);
        assertThat(report.rejections()).anySatisfy(r -> {
            assertThat(r.source()).isEqualTo("events.jsonl");
            assertThat(r.reason()).startsWith("4000 more records were rejected and counted but not kept");
        });
    }

    @Test
    void aSmallEntryThatExpandsTooFarIsRefusedAsABomb() throws Exception {
        Path bomb = dir.resolve("small.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bomb)) {
            put(out, "lines.log", "\n".repeat(900_000).getBytes(StandardCharsets.UTF_8)); // under 1 MB, ~1000:1
        }

        ImportReport report = importAll(bomb);

        assertThat(report.rejections()).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("archive refused: entry 'lines.log' expands").endsWith("times (zip bomb)"));
        assertThat(sink.deadLetters()).hasSize(1);
    }

    private ImportReport importAll(Path path) {
        return importer.importPaths(List.of(path), ImportOptions.defaults().namingRelativeTo(dir), Viewer.SYSTEM,
                ImportProgress.Listener.NONE);
    }

    private static void put(ZipArchiveOutputStream out, String name, byte[] bytes) throws Exception {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.write(bytes);
        out.closeArchiveEntry();
    }

}
