package dev.hindsight.ingest.spi;

import java.io.IOException;

/**
 * Decodes a format that spans several files of an archive (a Slack export: users.json, channels.json and a folder
 * of days per channel). Archives no archive decoder recognizes are imported entry by entry.
 */
public interface ArchiveDecoder {

    /** The format's name in the contract. */
    String format();

    /** Whether this archive is this format. */
    boolean recognizes(Archive archive);

    void decode(Archive archive, DecodeContext context, RecordSink sink) throws IOException;
}
