package dev.hindsight.ingest.internal.files;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.support.NamedPullSource;
import java.io.IOException;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A folder files are dropped into: each new file (by modification time, then name) is imported like {@code import}
 * would, one file per page. Files younger than {@link #SETTLE} are left for the next run, in case they are still
 * being written. Files larger than {@link #MAX_FILE} are refused here: import them with the command.
 */
final class WatchedFolderPull extends NamedPullSource {

    static final Duration SETTLE = Duration.ofSeconds(2);
    static final long MAX_FILE = 64L * 1024 * 1024;

    private final Path folder;
    private final SourceRegistry formats;
    private final Clock clock;

    WatchedFolderPull(String name, Path folder, SourceRegistry formats, Duration interval, Clock clock) {
        super("folder", name, interval);
        this.folder = folder;
        this.formats = formats;
        this.clock = clock;
    }

    /** A file's place in the reading order: {@code <mtime millis>|<name>}. */
    private static String key(Path p) {
        try {
            return String.format(Locale.ROOT, "%015d|%s", Files.getLastModifiedTime(p).toMillis(), p.getFileName());
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Page poll(@Nullable String cursor) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("the watched folder " + folder + " does not exist");
        }
        long settled = clock.instant().minus(SETTLE).toEpochMilli();
        List<Path> ready;
        try (Stream<Path> list = Files.list(folder)) {
            ready = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> cursor == null || key(p).compareTo(cursor) > 0)
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() <= settled;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .sorted(Comparator.comparing(WatchedFolderPull::key))
                    .toList();
        }
        if (ready.isEmpty()) {
            return new Page(List.of(), List.of(), cursor == null ? "" : cursor, false);
        }
        Path file = ready.get(0);
        Collecting sink = new Collecting();
        if (Files.size(file) > MAX_FILE) {
            sink.deadLetters.add(new DeadLetter(file.toString(), "unknown",
                    "larger than " + (MAX_FILE >> 20) + " MiB; import it with the import command", new byte[0],
                    DeadLetter.Replay.whole(file.toString())));
        } else {
            new FileImporter(sink, formats).importPaths(List.of(file),
                    ImportOptions.defaults().withBatchSize(Integer.MAX_VALUE), Viewer.SYSTEM,
                    ImportProgress.Listener.NONE);
        }
        return new Page(sink.events, sink.deadLetters, key(file), ready.size() > 1);
    }

    /** Holds what the importer would have stored, for the runner to store with the checkpoint. */
    private static final class Collecting implements EventSink {
        final List<Event> events = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public AppendResult append(EventBatch batch) {
            events.addAll(batch.events());
            deadLetters.addAll(batch.deadLetters());
            return new AppendResult(batch.events().size(), 0, 0);
        }
    }

}
