package dev.hindsight.search.internal.store;

import dev.hindsight.core.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Refuses new ingest while the data directory's disk is nearly full, like a search engine's flood stage: a batch
 * written into a full disk could fail half-way through H2's or Lucene's files, while a refusal is a clean 503 the
 * sender retries. Reads never pass through here, so search and timelines keep working. The check runs before every
 * batch, so ingest resumes by itself as soon as space is freed.
 */
public final class DiskWatermark {

    private final Path directory;
    private volatile long minFreeBytes;

    public DiskWatermark(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
    }

    /** @throws StoreUnavailableException when less than the watermark is free */
    public void check() {
        long free = freeBytes();
        if (free < minFreeBytes) {
            throw new StoreUnavailableException(String.format(Locale.ROOT,
                    "the data directory's disk has %s free, below the %s watermark (hindsight.ingest.min-free-disk); "
                            + "ingest resumes once space is freed",
                    megabytes(free), megabytes(minFreeBytes)));
        }
    }

    /** Free bytes for this process on the data directory's file system. */
    public long freeBytes() {
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing == null ? Path.of(".") : existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: let the write itself report a full disk
        }
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Changes the watermark at run time (operators raise it ahead of a big import; tests move it past the free space). */
    public void setMinFreeBytes(long minFreeBytes) {
        this.minFreeBytes = minFreeBytes;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }
}
