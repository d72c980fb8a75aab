package dev.hindsight.ingest.support;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines without trusting the input: a line longer than the limit is skipped to its end and reported, so one
 * endless line cannot exhaust memory. Recognises \n and \r\n.
 */
public final class BoundedLineReader {

    /** A line, or the fact that one was too long. */
    public record Line(long number, @Nullable String text, long length) {
        public boolean tooLong() {
            return text == null;
        }
    }

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long lineNumber;

    public BoundedLineReader(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of input. */
    public @Nullable Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        long length = 0;
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                break;
            }
            length++;
            if (!overflow) {
                if (sb.length() >= maxChars) {
                    overflow = true;
                    sb.setLength(0);
                } else {
                    sb.append(c);
                }
            }
        }
        lineNumber++;
        if (overflow) {
            return new Line(lineNumber, null, length);
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
            sb.setLength(end - 1);
        }
        return new Line(lineNumber, sb.toString(), length);
    }
}
