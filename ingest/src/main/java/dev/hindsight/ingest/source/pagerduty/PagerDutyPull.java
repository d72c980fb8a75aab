package dev.hindsight.ingest.source.pagerduty;

import dev.hindsight.ingest.support.NamedPullSource;
import dev.hindsight.ingest.support.HttpJson;

import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's account-wide {@code GET /log_entries}, read in windows: {@code since} = where the last window ended,
 * {@code until} = now, offset paging within the window ({@code limit=100}, {@code more}). The cursor is the window and
 * the offset while paging ({@code since|until|offset}), then the window's end.
 */
final class PagerDutyPull extends NamedPullSource {

    static final int LIMIT = 100;

    private final URI baseUrl;
    private final String token;
    private final Instant start;
    private final Clock clock;
    private final HttpJson http = new HttpJson();

    public PagerDutyPull(String name, URI baseUrl, String token, Instant start, Duration interval, Clock clock) {
        super("pagerduty", name, interval);
        this.baseUrl = baseUrl;
        this.token = token;
        this.start = start;
        this.clock = clock;
    }

    @Override
    public Page poll(@Nullable String cursor) throws IOException {
        String since;
        String until;
        int offset;
        if (cursor != null && cursor.contains("|")) {
            String[] parts = cursor.split("\\|");
            since = parts[0];
            until = parts[1];
            offset = Integer.parseInt(parts[2]);
        } else {
            since = cursor != null ? cursor : start.toString();
            until = clock.instant().toString();
            offset = 0;
        }
        URI uri = URI.create(baseUrl + "/log_entries?since=" + enc(since) + "&until=" + enc(until) + "&offset=" + offset
                + "&limit=" + LIMIT + "&total=false&time_zone=UTC");
        JsonNode body = http.get(uri, Map.of(
                "Authorization", "Token token=" + token,
                "Accept", "application/vnd.pagerduty+json;version=2"));
        CollectingSink out = new CollectingSink("pagerduty", DecodeContext.utc());
        PagerDutyRecords.decode(body, name + "@" + since + "+" + offset, DecodeContext.utc(), out);
        boolean more = body.path("more").asBoolean(false);
        return more ? out.page(since + "|" + until + "|" + (offset + LIMIT), true) : out.page(until, false);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
