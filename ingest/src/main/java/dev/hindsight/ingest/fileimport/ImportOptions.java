package dev.hindsight.ingest.fileimport;

import dev.hindsight.ingest.spi.DecodeContext;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to import.
 *
 * @param incidentKey attach every imported event to this incident (which must exist)
 * @param format force this format instead of detecting it per file
 * @param batchSize records per durable commit
 * @param namesRelativeTo when set, files are named relative to this folder in rejections and provenance (an upload's
 *     staging folder is nobody's business); otherwise by the path as given
 */
public record ImportOptions(
        @Nullable String incidentKey,
        @Nullable String format,
        DecodeContext context,
        int batchSize,
        @Nullable Path namesRelativeTo) {

    public static final int DEFAULT_BATCH = 2_000;

    public ImportOptions(@Nullable String incidentKey, @Nullable String format, DecodeContext context, int batchSize) {
        this(incidentKey, format, context, batchSize, null);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, DecodeContext.utc(), DEFAULT_BATCH);
    }

    /** How rejections and provenance name this file. */
    public String nameOf(Path file) {
        return namesRelativeTo == null ? file.toString() : namesRelativeTo.relativize(file).toString();
    }

    public ImportOptions namingRelativeTo(Path folder) {
        return new ImportOptions(incidentKey, format, context, batchSize, folder);
    }
}
