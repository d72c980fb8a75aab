package dev.hindsight.ingest.fileimport;

import dev.hindsight.ingest.spi.DecodeContext;
import org.jspecify.annotations.Nullable;

/**
 * How to import.
 *
 * @param incidentKey attach every imported event to this incident (which must exist)
 * @param format force this format instead of detecting it per file
 * @param batchSize records per durable commit
 */
public record ImportOptions(
        @Nullable String incidentKey, @Nullable String format, DecodeContext context, int batchSize) {

    public static final int DEFAULT_BATCH = 2_000;

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, DecodeContext.utc(), DEFAULT_BATCH);
    }
}
