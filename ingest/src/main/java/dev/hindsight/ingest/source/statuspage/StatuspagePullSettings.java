package dev.hindsight.ingest.source.statuspage;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A provider's public status page API ({@code .../api/v2/incidents.json}), read by a pull source
 * ({@code hindsight.ingest.pull.statuspage[i].*}).
 */
public record StatuspagePullSettings(String name, URI url, @Nullable String provider,
        @DefaultValue("PT2M") Duration interval) {}
