package dev.hindsight.ingest.internal.files;

import dev.hindsight.ingest.files.FileImports;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Imports files and folders: detects each file's format, decodes it streaming, and stores events in durable batches.
 * A record that cannot be decoded is rejected with its position and reason and goes to the dead-letter store in the
 * same transaction as its neighbours; a file that cannot be read at all is rejected as a whole. Nothing stops the rest.
 */
@Service
public class FileImporter implements FileImports {

    /** Rejections listed one by one in a report; beyond this they are only counted. */
    public static final int MAX_LISTED_REJECTIONS = 1_000;

    /** Bytes read to detect a format. */
    static final int HEAD_BYTES = 8_192;

    /** Bytes of an unreadable file kept as its dead letter. */
    static final int DEAD_FILE_BYTES = 256 * 1024;

    private final EventSink sink;
    private final SourceRegistry formats;

    public FileImporter(EventSink sink, SourceRegistry formats) {
        this.sink = sink;
        this.formats = formats;
    }

    @Override
    public ImportReport importPaths(List<Path> paths, ImportOptions options, Viewer writer,
            ImportProgress.Listener listener) {
        Run run = new Run(options, writer, listener);
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            collect(path, files, run);
        }
        run.filesTotal = files.size();
        run.bytesTotal = files.stream().mapToLong(FileImporter::sizeOf).sum();
        for (Path file : files) {
            importFile(file, run);
        }
        run.flush();
        return run.report();
    }

    @Override
    public List<String> formats() {
        return formats.formats();
    }

    @Override
    public boolean knows(String format) {
        return formats.knows(format);
    }

    private static void collect(Path path, List<Path> files, Run run) {
        if (Files.isSymbolicLink(path)) {
            run.rejectFile(path.toString(), "is a symbolic link; links are not followed", new byte[0]);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && isExportFolder(path)) {
            files.add(path); // read as one archive, e.g. an unpacked Slack export
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> !p.equals(path))
                        .filter(p -> !hidden(path, p))
                        .sorted()
                        .forEach(p -> {
                            if (Files.isSymbolicLink(p)) {
                                run.rejectFile(p.toString(), "is a symbolic link; links are not followed", new byte[0]);
                            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                                files.add(p);
                            }
                        });
            } catch (IOException | UncheckedIOException e) {
                run.rejectFile(path.toString(), "cannot list the folder: " + e.getMessage(), new byte[0]);
            }
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            files.add(path);
        } else {
            run.rejectFile(path.toString(), Files.exists(path) ? "is not a regular file" : "no such file or folder",
                    new byte[0]);
        }
    }

    /** A folder holding an export's index files, to be read as a whole rather than file by file. */
    private static boolean isExportFolder(Path dir) {
        return Files.isRegularFile(dir.resolve("channels.json")) || Files.isRegularFile(dir.resolve("users.json"));
    }

    /** Dot-files and dot-folders below the given root (.DS_Store, .git) are not inputs. */
    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private void importFile(Path path, Run run) {
        String name = run.options.nameOf(path);
        run.startFile(name);
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                importArchive(new FolderArchive(path, name), run);
                return;
            }
            SourceFile file = new SourceFile(name, Files.size(path), Files.getLastModifiedTime(path).toInstant(),
                    () -> Files.newInputStream(path));
            byte[] head = readHead(file, HEAD_BYTES);
            if (ZipArchive.looksLikeZip(name, head)) {
                try (ZipArchive zip = ZipArchive.open(path, name, file.modified())) {
                    importArchive(zip, run);
                } catch (SourceDataException e) {
                    run.rejectFile(name, "archive refused: " + e.getMessage(), new byte[0]);
                }
                return;
            }
            importSource(file, head, run);
        } catch (IOException | UncheckedIOException e) {
            run.rejectFile(name, "cannot read the file: " + e.getMessage(), new byte[0]);
        } finally {
            run.finishFile(sizeOf(path));
        }
    }

    /** An archive: one decoder for the whole of it when one recognizes it, else entry by entry. */
    private void importArchive(Archive archive, Run run) throws IOException {
        String forced = run.options.format();
        var decoder = formats.archiveDecoder(archive, forced);
        if (decoder.isPresent()) {
            run.currentFormat = decoder.get().format();
            try {
                decoder.get().decode(archive, run.options.context(), run);
                run.inputRead = true;
            } catch (SourceDataException e) {
                run.rejectFile(archive.name(), "not a valid " + decoder.get().format() + " archive: " + e.getMessage(),
                        new byte[0]);
            }
            return;
        }
        for (SourceFile entry : archive.entries()) {
            byte[] head;
            try {
                head = readHead(entry, HEAD_BYTES);
            } catch (IOException | SourceDataException e) {
                run.rejectFile(entry.name(), "cannot read the entry: " + e.getMessage(), new byte[0]);
                continue;
            }
            if (ZipArchive.looksLikeZip(entry.name(), head)) {
                run.rejectFile(entry.name(), "nested archives are not read; unpack it and import it on its own",
                        new byte[0]);
                continue;
            }
            importSource(entry, head, run);
        }
    }

    /** One file or archive entry: detect (or take the forced format), decode, count. */
    private void importSource(SourceFile file, byte[] head, Run run) {
        String forced = run.options.format();
        String leaf = file.name().substring(Math.max(file.name().lastIndexOf('/'), file.name().lastIndexOf('#')) + 1);
        FormatDecoder decoder = forced != null
                ? formats.byName(forced).orElse(null)
                : formats.detect(leaf, head).orElse(null);
        run.currentFormat = decoder == null ? "unknown" : decoder.format();
        run.currentModified = file.modified();
        if (decoder == null) {
            run.rejectFile(file.name(), forced != null
                    ? "format " + forced + " reads archives only, and this is a single file"
                    : "cannot tell the format of this file (known formats: " + String.join(", ", formats.formats())
                            + "); name one with --format",
                    head);
            return;
        }
        try {
            decoder.decode(file, run.options.context(), run);
            run.inputRead = true;
        } catch (SourceDataException e) {
            run.rejectFile(file.name(), "not a valid " + decoder.format() + " file: " + e.getMessage(), safeHead(file));
        } catch (IOException | UncheckedIOException e) {
            run.rejectFile(file.name(), "reading failed: " + e.getMessage(), safeHead(file));
        }
    }

    private static byte[] readHead(SourceFile file, int bytes) throws IOException {
        try (InputStream in = file.open()) {
            return in.readNBytes(bytes);
        }
    }

    private static byte[] safeHead(SourceFile file) {
        try {
            return readHead(file, DEAD_FILE_BYTES);
        } catch (IOException | SourceDataException e) {
            return new byte[0];
        }
    }

    /** The state of one import: pending batch, counters, listener. Single-threaded. */
    private final class Run implements RecordSink {
        final ImportOptions options;
        final Viewer writer;
        final ImportProgress.Listener listener;
        final List<Event> events = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        long pendingSkipped;
        long pendingRejected;
        long accepted;
        long duplicates;
        long skipped;
        long rejected;
        int filesTotal;
        int filesDone;
        long bytesTotal;
        long bytesDone;
        String currentFile = "";
        String currentFormat = "unknown";
        /** The modification time of the file being decoded, kept with its dead letters for a replay. */
        @Nullable
        Instant currentModified;
        boolean inputRead;

        Run(ImportOptions options, Viewer writer, ImportProgress.Listener listener) {
            this.options = options;
            this.writer = writer;
            this.listener = listener;
        }

        void startFile(String name) {
            currentFile = name;
            currentFormat = "unknown";
            currentModified = null;
            listener.progress(progress());
        }

        void finishFile(long size) {
            filesDone++;
            bytesDone += size;
            listener.progress(progress());
        }

        @Override
        public void event(Event event) {
            events.add(event);
            maybeFlush();
        }

        @Override
        public void skipped(String position, String reason) {
            pendingSkipped++;
            maybeFlush();
        }

        @Override
        public void rejected(String position, String reason, byte[] raw, Envelope envelope) {
            deadLetters.add(CollectingSink.deadLetter(position, currentFormat, reason, raw, envelope,
                    options.context(), options.incidentKey(), currentModified));
            list(position, reason);
            pendingRejected++;
            maybeFlush();
        }

        void rejectFile(String name, String reason, byte[] raw) {
            rejected(name, reason, raw, Envelope.whole(name));
        }

        private void list(String position, String reason) {
            if (rejections.size() < MAX_LISTED_REJECTIONS) {
                rejections.add(new ImportReport.Rejection(position, reason));
            }
        }

        private void maybeFlush() {
            if (events.size() + deadLetters.size() + pendingSkipped >= options.batchSize()) {
                flush();
            }
        }

        /** One durable commit; counters move only after it succeeded. */
        void flush() {
            if (events.isEmpty() && deadLetters.isEmpty() && pendingSkipped == 0) {
                return;
            }
            AppendResult result = sink.append(new EventBatch(events, deadLetters, options.incidentKey(), null, writer));
            accepted += result.accepted();
            duplicates += result.duplicates();
            skipped += pendingSkipped;
            rejected += pendingRejected;
            events.clear();
            deadLetters.clear();
            pendingSkipped = 0;
            pendingRejected = 0;
            listener.progress(progress());
        }

        ImportProgress progress() {
            return new ImportProgress(currentFile, filesDone, filesTotal, bytesDone, bytesTotal,
                    accepted + duplicates + skipped + rejected, accepted, duplicates, skipped, rejected);
        }

        ImportReport report() {
            return new ImportReport(accepted, duplicates, skipped, rejected, List.copyOf(rejections), inputRead);
        }
    }
}
