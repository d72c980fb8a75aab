package dev.hindsight.ingest.source;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.files.FileImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real files other tools wrote, kept under {@code src/test/resources/realfiles/<format>/} with their origin and licence
 * in a README beside them, imported as a user's import would (format detected by content).
 */
public final class RealFiles {

    private RealFiles() {}

    /** What one import of real files gave. */
    public record Imported(ImportReport report, List<Event> events, List<DeadLetter> deadLetters) {

        public Map<String, String> rejections() {
            return report.rejections().stream()
                    .collect(Collectors.toMap(ImportReport.Rejection::source, ImportReport.Rejection::reason,
                            (a, b) -> a, java.util.TreeMap::new));
        }

        public Event only(String title) {
            return events.stream().filter(e -> e.title().equals(title)).findFirst()
                    .orElseThrow(() -> new AssertionError("no event titled '" + title + "' among "
                            + events.stream().map(Event::title).toList()));
        }
    }

    public static Imported importing(String path, ImportOptions options) {
        Path file = Fixtures.resource("realfiles/" + path);
        InMemoryEventSink sink = new InMemoryEventSink();
        ImportReport report = new FileImporter(sink, Fixtures.registry()).importPaths(List.of(file),
                options.namingRelativeTo(file.getParent()), Viewer.SYSTEM, ImportProgress.Listener.NONE);
        return new Imported(report, sink.events(), sink.deadLetters());
    }

    public static Imported importing(String path) {
        return importing(path, ImportOptions.defaults());
    }
}
