package dev.hindsight.ingest.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Transient trouble at the source; retry later, after {@link #retryAfter} when the source said how long. */
public class RetriableSourceException extends RuntimeException {

    private final @Nullable Duration retryAfter;

    public RetriableSourceException(String message, @Nullable Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
