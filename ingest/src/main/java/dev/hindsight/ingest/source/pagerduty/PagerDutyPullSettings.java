package dev.hindsight.ingest.source.pagerduty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PagerDuty's REST API, read by a pull source ({@code hindsight.ingest.pull.pagerduty[i].*}).
 *
 * @param start where the first run begins (default: a day ago)
 */
public record PagerDutyPullSettings(String name, @DefaultValue("https://api.pagerduty.com") URI baseUrl,
        String token, @DefaultValue("PT1M") Duration interval, @Nullable Instant start) {}
