package dev.hindsight.ingest.spi;

import java.io.IOException;

/**
 * Decodes one source format. Implementations are stateless and thread-safe; {@link #decode} streams, so memory stays
 * bounded whatever the file size.
 */
public interface FormatDecoder {

    /** The format's name in the contract ({@code jsonl}, {@code alertmanager}...). */
    String format();

    /**
     * How sure the decoder is that this content is its format, from the file name and its first bytes: 0 = not
     * mine, 100 = certain. Auto-detection picks the most confident decoder.
     */
    int confidence(String fileName, byte[] head);

    /**
     * Reads every record of the file and reports each to the sink.
     *
     * @throws IOException when the file cannot be read at all (it is then rejected as a whole)
     * @throws SourceDataException when the file is not this format at all (rejected as a whole, with the reason)
     */
    void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException;
}
