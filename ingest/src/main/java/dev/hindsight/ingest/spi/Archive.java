package dev.hindsight.ingest.spi;

import java.util.List;
import java.util.Optional;

/**
 * A set of files read as one input: a zip file (read in place, never extracted) or a folder. Entry names use '/' and
 * never escape the archive; the archive reader has checked that before a decoder sees them.
 */
public interface Archive {

    /** How rejections name the archive itself. */
    String name();

    /** Every regular file, in name order. */
    List<SourceFile> entries();

    /** The entry with this name (relative to the archive root, '/'-separated). */
    default Optional<SourceFile> entry(String relativeName) {
        String wanted = name() + "#" + relativeName;
        return entries().stream().filter(e -> e.name().equals(wanted)).findFirst();
    }

    /** The name of an entry relative to the archive root. */
    default String relative(SourceFile entry) {
        return entry.name().substring(name().length() + 1);
    }
}
