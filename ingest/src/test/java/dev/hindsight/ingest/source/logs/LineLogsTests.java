package dev.hindsight.ingest.source.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.support.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line-based logs as users meet them: odd tags, year-less lines, daylight saving nights, copies of the same file. */
class LineLogsTests {

    @TempDir
    Path dir;

    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final FileImporter importer = new FileImporter(sink, Fixtures.registry());

    @Test
    void tagsWithSpacesVersionsSuffixesOrADashAreTagsAndAFileOfThemIsDetected() throws Exception {
        Path log = write("system.log", """
                Oct 30 09:00:01 mbp com.apple.xpc.launchd[1] (com.apple.mdworker.shared.0C000000): Service exited
                Oct 30 09:00:02 mbp Microsoft Teams[14463]: Meeting window opened
                Oct 30 09:00:03 mbp DisplayServices 255.10[94]: Brightness set
                Oct 30 09:00:04 mbp sandboxd[129] ([31211]): deny file-read-data
                Oct 30 09:00:05 mbp -: a line without a tag
                """);

        ImportReport report = importFile(log, options().withYear(2024));

        assertThat(report.rejections()).isEmpty();
        assertThat(sink.events()).extracting(Event::service).containsExactly("com.apple.xpc.launchd",
                "Microsoft Teams", "DisplayServices 255.10", "sandboxd", null);
        assertThat(sink.events().getFirst().labels()).containsEntry("procid", "1")
                .containsEntry("tag_suffix", "com.apple.mdworker.shared.0C000000");
        assertThat(sink.events()).extracting(Event::title).containsExactly("Service exited", "Meeting window opened",
                "Brightness set", "deny file-read-data", "a line without a tag");
    }

    @Test
    void aYearLessLineAfterTheFileWasWrittenIsFromTheYearBefore() throws Exception {
        Path log = write("messages", """
                Dec 31 23:59:58 web1 cron[99]: last job of the year
                Jan  2 00:00:01 web1 cron[99]: first job of the year
                """);
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2025-01-02T06:00:00Z")));

        importFile(log, options());

        assertThat(sink.events()).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2024-12-31T23:59:58Z"), Instant.parse("2025-01-02T00:00:01Z"));
    }

    @Test
    void theRepeatedHourOfANightIsReadInFileOrderAndTheSkippedHourIsMovedForward() throws Exception {
        // Europe/Berlin: 27 Oct 2024 03:00 CEST became 02:00 CET; 31 Mar 2024 02:00 CET became 03:00 CEST
        Path log = write("gateway.log", """
                Oct 27 02:30:00 gw1 ntpd[7]: tick
                Oct 27 02:55:00 gw1 ntpd[7]: still summer time
                Oct 27 02:05:00 gw1 ntpd[7]: winter time again
                Oct 27 02:30:00 gw1 ntpd[7]: tick
                Oct 27 03:10:00 gw1 ntpd[7]: after the night
                Mar 31 02:30:00 gw1 ntpd[7]: in the skipped hour
                """);

        importFile(log, options().withYear(2024).withZone(ZoneId.of("Europe/Berlin")));

        assertThat(sink.events()).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2024-10-27T00:30:00Z"), Instant.parse("2024-10-27T00:55:00Z"),
                Instant.parse("2024-10-27T01:05:00Z"), Instant.parse("2024-10-27T01:30:00Z"),
                Instant.parse("2024-10-27T02:10:00Z"), Instant.parse("2024-03-31T01:30:00Z"));
        assertThat(sink.events()).extracting(Event::id).doesNotHaveDuplicates(); // the two 02:30 ticks are two lines
        assertThat(sink.events().get(3).labels()).containsEntry(Timestamps.DST_LABEL,
                "repeated hour, second occurrence (daylight saving time ended)");
        assertThat(sink.events().getLast().labels()).containsEntry(Timestamps.DST_LABEL,
                "skipped hour: moved forward 1 h (daylight saving time began)");
        assertThat(sink.events().get(4).labels()).doesNotContainKey(Timestamps.DST_LABEL);
    }

    @Test
    void theSameLinesFromARenamedRotatedOrZippedCopyAreDuplicatesWhileARealRepeatIsKept() throws Exception {
        String lines = """
                Aug 12 08:20:00 edge1 kernel: eth0 link down
                Aug 12 08:20:00 edge1 kernel: eth0 link down
                Aug 12 08:21:00 edge1 kernel: eth0 link up
                """;
        Path original = write("syslog", lines);
        Path rotated = write("archive/syslog.1", lines);
        Path zip = dir.resolve("copy.zip");
        Fixtures.zip(zip, Map.of("var/log/messages-20140812", lines));
        Path nagios = Fixtures.resource("realfiles/nagios/ddagent-nagios.log");
        Path renamed = dir.resolve("icinga-renamed.log");
        Files.copy(nagios, renamed);

        ImportReport first = importFile(original, options().withYear(2014));
        ImportReport again = importer.importPaths(List.of(rotated, zip), options().withYear(2014), Viewer.SYSTEM,
                ImportProgress.Listener.NONE);
        ImportReport nagiosFirst = importFile(nagios, options());
        ImportReport nagiosAgain = importFile(renamed, options());

        assertThat(first.accepted()).isEqualTo(3); // the line written twice in one second is two events
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(6);
        assertThat(nagiosFirst.accepted()).isEqualTo(632);
        assertThat(nagiosAgain.accepted()).isZero();
        assertThat(nagiosAgain.duplicates()).isEqualTo(632);
    }

    @Test
    void aMessageOfStructuredDataAloneIsTitledByIt() throws Exception {
        Path log = write("app.log", """
                <165>1 2024-08-12T08:20:00.003Z web1 billing 8710 ID47 [exampleSDID@32473 iut="3" eventSource="App"]
                """);

        importFile(log, options());

        assertThat(sink.events()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("exampleSDID@32473.iut=3 exampleSDID@32473.eventSource=App");
            assertThat(e.labels()).containsEntry("sd.exampleSDID@32473.eventSource", "App");
        });
    }

    private ImportReport importFile(Path file, ImportOptions options) {
        return importer.importPaths(List.of(file), options.namingRelativeTo(dir), Viewer.SYSTEM,
                ImportProgress.Listener.NONE);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static ImportOptions options() {
        return ImportOptions.defaults();
    }
}
