package dev.hindsight.ingest.files;

import java.util.List;

/**
 * The outcome of an import: {@code accepted + duplicates + skipped + rejected} is every record (or unreadable file)
 * that was read.
 *
 * @param rejections the first 1,000 rejections; the rest are only counted
 * @param inputRead false when not a single input could be read (a missing path, or only unreadable files)
 */
public record ImportReport(
        long accepted,
        long duplicates,
        long skipped,
        long rejected,
        List<Rejection> rejections,
        boolean inputRead) {

    /** One rejected record or file: where ({@code file[#entry]}) and why. */
    public record Rejection(String source, String reason) {}

    public long received() {
        return accepted + duplicates + skipped + rejected;
    }
}
