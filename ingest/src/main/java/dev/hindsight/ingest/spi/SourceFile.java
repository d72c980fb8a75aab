package dev.hindsight.ingest.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A file to decode, which may be an entry inside an archive.
 *
 * @param name how rejections name it: the path as given, or {@code archive.zip#entry}
 * @param size bytes, or -1 when unknown
 * @param modified last modification time, the last resort for a missing year
 */
public record SourceFile(String name, long size, Instant modified, Opener opener) {

    /** Opens a fresh stream over the content; callers close it. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
