package dev.hindsight.ingest.spi;

/** Bad data: the input is not what its format requires. Never retried; the reason is shown to the user. */
public class SourceDataException extends RuntimeException {
    public SourceDataException(String reason) {
        super(reason);
    }

    public SourceDataException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
