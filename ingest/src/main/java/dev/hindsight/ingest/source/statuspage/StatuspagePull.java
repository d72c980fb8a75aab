package dev.hindsight.ingest.source.statuspage;

import dev.hindsight.ingest.support.NamedPullSource;
import dev.hindsight.ingest.support.HttpJson;

import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.JsonSource;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A provider's public status page ({@code https://status.provider.example/api/v2/incidents.json}): every run reads
 * the recent incidents; updates already stored are duplicates. Its records are the provider's statements.
 */
final class StatuspagePull extends NamedPullSource {

    private final URI url;
    private final @Nullable String provider;
    private final Clock clock;
    private final HttpJson http = new HttpJson();

    public StatuspagePull(String name, URI url, @Nullable String provider, Duration interval, Clock clock) {
        super("statuspage", name, interval);
        this.url = url;
        this.provider = provider;
        this.clock = clock;
    }

    @Override
    public Page poll(@Nullable String cursor) throws IOException {
        CollectingSink out = new CollectingSink("statuspage", new DecodeContext(ZoneOffset.UTC, null, provider));
        try {
            StatuspageRecords.decode(http.get(url, Map.of("Accept", "application/json")), name,
                    new DecodeContext(ZoneOffset.UTC, null, provider), out);
        } catch (JsonSource.Skip skip) {
            // a page without incidents
        }
        return out.page(clock.instant().toString(), false);
    }
}
