package dev.hindsight.ingest.pull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pull sources, configured in application properties, e.g.
 * {@code hindsight.ingest.pull.pagerduty[0].name=main}, {@code ...token=...}. Names must be unique per kind.
 */
@ConfigurationProperties("hindsight.ingest.pull")
public record PullProperties(
        @DefaultValue List<PagerDuty> pagerduty,
        @DefaultValue List<Slack> slack,
        @DefaultValue List<Imap> imap,
        @DefaultValue List<Statuspage> statuspage,
        @DefaultValue List<Folder> folders) {

    /** PagerDuty REST API; {@code start} is where the first run begins. */
    public record PagerDuty(String name, @DefaultValue("https://api.pagerduty.com") URI baseUrl, String token,
            @DefaultValue("PT1M") Duration interval, @Nullable Instant start) {}

    /** One Slack channel's history. */
    public record Slack(String name, @DefaultValue("https://slack.com/api") URI baseUrl, String token, String channel,
            @Nullable String channelName, @DefaultValue("PT1M") Duration interval) {}

    /** A mailbox of provider RFO e-mails. */
    public record Imap(String name, String host, @DefaultValue("993") int port, @DefaultValue("true") boolean ssl,
            String username,
            String password, @DefaultValue("INBOX") String folder, @Nullable String provider,
            @DefaultValue("PT5M") Duration interval) {}

    /** A provider's public status page API ({@code .../api/v2/incidents.json}). */
    public record Statuspage(String name, URI url, @Nullable String provider,
            @DefaultValue("PT2M") Duration interval) {}

    /** A drop folder. */
    public record Folder(String name, Path path, @DefaultValue("PT10S") Duration interval) {}
}
