package dev.hindsight.ingest.spi;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What a decoder may need beyond the bytes.
 *
 * @param zone the zone of timestamps that carry none (IRC, RFC 3164 syslog, zone-less CSV)
 * @param year the year of timestamps that carry none, when given on the command line
 * @param provider the provider the records come from, when they are a provider's statements (import --provider)
 */
public record DecodeContext(ZoneId zone, @Nullable Integer year, @Nullable String provider) {

    public static DecodeContext utc() {
        return new DecodeContext(ZoneId.of("UTC"), null, null);
    }
}
