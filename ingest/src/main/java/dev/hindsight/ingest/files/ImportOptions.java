package dev.hindsight.ingest.files;

import dev.hindsight.ingest.spi.DecodeContext;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * How to import.
 *
 * @param incidentKey attach every imported event to this incident (created when missing)
 * @param format force this format instead of detecting it per file
 * @param zone the zone of times written without one (IRC, RFC 3164 syslog, some CSV)
 * @param year the year of times written without one, when known
 * @param provider the records are statements of this outside provider (its notices, its status page)
 * @param batchSize records per durable commit
 * @param namesRelativeTo when set, files are named relative to this folder in rejections and provenance (an upload's
 *     staging folder is nobody's business); otherwise by the path as given
 */
public record ImportOptions(@Nullable String incidentKey, @Nullable String format, ZoneId zone,
        @Nullable Integer year, @Nullable String provider, int batchSize, @Nullable Path namesRelativeTo) {

    public static final int DEFAULT_BATCH = 2_000;

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, ZoneOffset.UTC, null, null, DEFAULT_BATCH, null);
    }

    /** What the decoders are told. */
    public DecodeContext context() {
        return new DecodeContext(zone, year, provider);
    }

    /** How rejections and provenance name this file. */
    public String nameOf(Path file) {
        return namesRelativeTo == null ? file.toString() : namesRelativeTo.relativize(file).toString();
    }

    public ImportOptions namingRelativeTo(Path folder) {
        return new ImportOptions(incidentKey, format, zone, year, provider, batchSize, folder);
    }

    public ImportOptions withBatchSize(int size) {
        return new ImportOptions(incidentKey, format, zone, year, provider, size, namesRelativeTo);
    }

    public ImportOptions withZone(ZoneId times) {
        return new ImportOptions(incidentKey, format, times, year, provider, batchSize, namesRelativeTo);
    }

    public ImportOptions withProvider(@Nullable String statementsOf) {
        return new ImportOptions(incidentKey, format, zone, year, statementsOf, batchSize, namesRelativeTo);
    }

    public ImportOptions withYear(@Nullable Integer timesWithoutOne) {
        return new ImportOptions(incidentKey, format, zone, timesWithoutOne, provider, batchSize, namesRelativeTo);
    }
}
