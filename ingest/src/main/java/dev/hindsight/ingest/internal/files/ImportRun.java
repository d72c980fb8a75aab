package dev.hindsight.ingest.internal.files;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.CollectingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The state of one import: the pending batch, the counters, the listener. Every record's outcome passes through here,
 * so every one is counted once. A source that rejects more than {@value #MAX_DEAD_LETTERS_PER_SOURCE} records keeps
 * the first ones as dead letters with their bytes and counts the rest, saying so in the report: a small zip that
 * expands into lines of junk cannot fill the database. Single-threaded.
 */
final class ImportRun implements RecordSink {

    /** Rejections listed one by one in a report; beyond this they are only counted. */
    static final int MAX_LISTED_REJECTIONS = 1_000;

    /** Dead letters kept per file or archive entry. */
    static final int MAX_DEAD_LETTERS_PER_SOURCE = 1_000;

    final ImportOptions options;
    private final Viewer writer;
    private final EventSink sink;
    private final ImportProgress.Listener listener;
    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<ImportReport.Rejection> rejections = new ArrayList<>();
    private long pendingSkipped;
    private long pendingRejected;
    private long accepted;
    private long duplicates;
    private long skipped;
    private long rejected;
    int filesTotal;
    private int filesDone;
    long bytesTotal;
    private long bytesDone;
    private String currentFile = "";
    private String currentFormat = "unknown";
    /** The modification time of the source being decoded, kept with its dead letters for a replay. */
    private @Nullable Instant currentModified;
    private @Nullable String currentSource;
    private int keptInSource;
    private long notKeptInSource;
    private long nestedBytes;
    boolean inputRead;

    ImportRun(ImportOptions options, Viewer writer, EventSink sink, ImportProgress.Listener listener) {
        this.options = options;
        this.writer = writer;
        this.sink = sink;
        this.listener = listener;
    }

    void startFile(String name) {
        currentFile = name;
        listener.progress(progress());
    }

    void finishFile(long size) {
        filesDone++;
        bytesDone += size;
        listener.progress(progress());
    }

    /** A file or archive entry is decoded next, as this format. */
    void beginSource(SourceFile source, String format) {
        endSource();
        currentSource = source.name();
        currentFormat = format;
        currentModified = source.modified();
    }

    /** The source is done: say how many of its rejections were counted but not kept. */
    void endSource() {
        if (notKeptInSource > 0 && currentSource != null) {
            // listed even past the listing limit: it is the only word of those records
            rejections.add(new ImportReport.Rejection(currentSource, notKeptInSource + " more records were rejected"
                    + " and counted but not kept: only the first " + MAX_DEAD_LETTERS_PER_SOURCE
                    + " rejections of a file are kept as dead letters"));
        }
        currentSource = null;
        keptInSource = 0;
        notKeptInSource = 0;
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
        pendingRejected++;
        if (currentSource != null && keptInSource >= MAX_DEAD_LETTERS_PER_SOURCE) {
            notKeptInSource++;
            return;
        }
        keptInSource++;
        deadLetters.add(CollectingSink.deadLetter(position, currentFormat, reason, raw, envelope,
                options.context(), options.incidentKey(), currentModified));
        list(position, reason);
        maybeFlush();
    }

    /** A whole file or entry that could not be read as anything. */
    void rejectFile(String name, String reason, byte[] raw) {
        String format = name.equals(currentSource) ? currentFormat : "unknown";
        endSource();
        currentFormat = format;
        rejected(name, reason, raw, Envelope.whole(name));
    }

    /** Counts bytes copied out of nested zips; false once the import has copied more than an archive may hold. */
    boolean spendNested(long bytes) {
        nestedBytes += bytes;
        return nestedBytes <= ZipArchive.MAX_TOTAL_BYTES;
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
        if (events.isEmpty() && deadLetters.isEmpty() && pendingSkipped == 0 && pendingRejected == 0) {
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
        endSource();
        return new ImportReport(accepted, duplicates, skipped, rejected, List.copyOf(rejections), inputRead);
    }
}
