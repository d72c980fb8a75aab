package dev.hindsight.ingest.support;

import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.spi.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The loop every line-based decoder needs: read the file as UTF-8 lines without trusting it (a line over the limit is
 * rejected with its number, never held in memory), skip blank lines, hand the rest over with their position.
 */
public final class Lines {

    private Lines() {}

    /** Receives one non-blank line. */
    @FunctionalInterface
    public interface Handler {
        void line(long number, String text, String position) throws IOException;
    }

    public static void each(SourceFile file, int maxChars, RecordSink sink, Handler handler) throws IOException {
        try (InputStream in = file.open()) {
            BoundedLineReader lines = new BoundedLineReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                    maxChars);
            for (BoundedLineReader.Line line = lines.next(); line != null; line = lines.next()) {
                String position = file.name() + "#" + line.number();
                if (line.tooLong()) {
                    sink.rejected(position,
                            "line " + line.number() + " is " + line.length() + " characters long; the limit is "
                                    + maxChars,
                            new byte[0]);
                } else if (!line.text().isBlank()) {
                    handler.line(line.number(), line.text(), position);
                }
            }
        }
    }
}
