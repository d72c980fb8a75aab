package dev.hindsight.ingest.spi;

import java.io.IOException;
import java.util.Set;

/**
 * Decodes a format that spans several files of an archive (a Slack export: users.json, channels.json and a folder
 * of days per channel). It gives every entry it claims an outcome (records, or a skip saying why); the entries it does
 * not claim, and archives no archive decoder recognizes, are imported entry by entry.
 */
public interface ArchiveDecoder {

    /** The format's name in the contract. */
    String format();

    /** Whether this archive is this format. */
    boolean recognizes(Archive archive);

    /** The names of the entries that are part of the format, read by {@link #decode}; the rest are imported alone. */
    Set<String> parts(Archive archive);

    void decode(Archive archive, DecodeContext context, RecordSink sink) throws IOException;
}
