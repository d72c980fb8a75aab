package dev.hindsight.ingest.files;

/**
 * A snapshot of a running import, reported after every durable commit and at every new file.
 *
 * @param committed records whose outcome is durable (accepted, duplicates, skipped and rejected ones alike)
 */
public record ImportProgress(
        String file,
        int filesDone,
        int filesTotal,
        long bytesDone,
        long bytesTotal,
        long committed,
        long accepted,
        long duplicates,
        long skipped,
        long rejected) {

    /** Receives progress; called on the importing thread, so it must be quick. */
    @FunctionalInterface
    public interface Listener {
        void progress(ImportProgress progress);

        Listener NONE = p -> {};
    }
}
