package dev.hindsight.ingest.internal.files;

import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.source.Fixtures;

import dev.hindsight.core.incident.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.store.InMemoryEventSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTests {

    @TempDir
    Path dir;

    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final FileImporter importer = new FileImporter(sink,
            Fixtures.registry());

    private void write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private ImportReport importDir(int batchSize) {
        return importer.importPaths(List.of(dir), ImportOptions.defaults().withBatchSize(batchSize), Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);
    }

    @Test
    void aFolderImportsEveryFileAndEveryRecordGetsExactlyOneOutcome() throws Exception {
        write("alerts/a.jsonl", """
                {"at":"2014-08-12T07:50:00Z","title":"one"}
                {"at":"2014-08-12T07:51:00Z","title":"two"}
                {broken
                """);
        write("chat.csv", "at,title\n2014-08-12T08:00:00Z,three\n2014-08-12T08:00:00Z,three\n");
        write("page.html", "<html><body>Not Found</body></html>");
        write(".hidden/ignored.jsonl", "{\"at\":\"2014-08-12T07:50:00Z\",\"title\":\"hidden\"}\n");

        ImportReport report = importDir(2);

        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(1); // the repeated csv row
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.received()).isEqualTo(6);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::source)
                .containsExactlyInAnyOrder(dir.resolve("alerts/a.jsonl") + "#3", dir.resolve("page.html").toString());
        assertThat(report.rejections()).anySatisfy(r -> assertThat(r.reason()).contains("cannot tell the format"));
        assertThat(sink.deadLetters()).hasSize(2);
        assertThat(sink.deadLetters())
                .anySatisfy(d -> assertThat(new String(d.raw(), StandardCharsets.UTF_8)).contains("Not Found"));
        assertThat(report.inputRead()).isTrue();
    }

    @Test
    void importingAgainGivesOnlyDuplicates() throws Exception {
        write("a.jsonl",
                "{\"at\":\"2014-08-12T07:50:00Z\",\"title\":\"one\"}\n{\"at\":\"2014-08-12T07:51:00Z\",\"title\":\"two\"}\n");
        importDir(1000);

        ImportReport again = importDir(1000);

        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
    }

    @Test
    void recordsAreCommittedInBatchesAndProgressFollowsCommits() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            lines.append("{\"at\":\"2014-08-12T07:50:00Z\",\"title\":\"event ").append(i).append("\"}\n");
        }
        write("many.jsonl", lines.toString());
        List<Long> committed = new ArrayList<>();

        importer.importPaths(List.of(dir), ImportOptions.defaults().withBatchSize(10), Viewer.LOCAL_ADMIN,
                p -> committed.add(p.committed()));

        assertThat(sink.batches()).extracting(b -> b.events().size()).containsExactly(10, 10, 5);
        assertThat(committed).contains(10L, 20L, 25L).isSorted();
    }

    @Test
    void aMissingPathReadsNothing() {
        ImportReport report = importer.importPaths(List.of(dir.resolve("nope")), ImportOptions.defaults(),
                Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);

        assertThat(report.inputRead()).isFalse();
        assertThat(report.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("no such file or folder"));
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path outside = Files.createTempFile("outside", ".jsonl");
        Files.writeString(outside, "{\"at\":\"2014-08-12T07:50:00Z\",\"title\":\"secret\"}\n");
        Files.createSymbolicLink(dir.resolve("link.jsonl"), outside);

        ImportReport report = importDir(100);

        assertThat(report.accepted()).isZero();
        assertThat(report.rejections()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("symbolic link"));
    }
}
