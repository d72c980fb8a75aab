package dev.hindsight.ingest.source.slack;

import dev.hindsight.ingest.support.NamedPullSource;
import dev.hindsight.ingest.support.HttpJson;
import dev.hindsight.ingest.spi.RetriableSourceException;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.SourceDataException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Slack's {@code conversations.history} for one channel: messages after {@code oldest} (the newest ts stored so far),
 * paged with {@code next_cursor}. The cursor is {@code oldest} when idle, {@code oldest|next_cursor|newest seen} while
 * paging. {@code {"ok": false, "error": "ratelimited"}} is retried after Slack's Retry-After.
 */
final class SlackHistoryPull extends NamedPullSource {

    static final int LIMIT = 200;

    private final URI baseUrl;
    private final String token;
    private final String channelId;
    private final String channelName;
    private final HttpJson http = new HttpJson();

    public SlackHistoryPull(String name, URI baseUrl, String token, String channelId, String channelName,
            Duration interval) {
        super("slack", name, interval);
        this.baseUrl = baseUrl;
        this.token = token;
        this.channelId = channelId;
        this.channelName = channelName;
    }

    @Override
    public Page poll(@Nullable String cursor) throws IOException {
        String oldest = "0";
        String pageCursor = null;
        String newest = null;
        if (cursor != null) {
            String[] parts = cursor.split("\\|", -1);
            oldest = parts[0];
            if (parts.length == 3) {
                pageCursor = parts[1];
                newest = parts[2];
            }
        }
        String uri = baseUrl + "/conversations.history?channel=" + enc(channelId) + "&oldest=" + enc(oldest) + "&limit="
                + LIMIT
                + (pageCursor == null ? "" : "&cursor=" + enc(pageCursor));
        JsonNode body = http.get(URI.create(uri), Map.of("Authorization", "Bearer " + token));
        if (!body.path("ok").asBoolean(false)) {
            String error = String.valueOf(JsonSource.text(body, "error"));
            if ("ratelimited".equals(error)) {
                throw new RetriableSourceException("Slack rate limit", null);
            }
            throw new IOException("Slack refused conversations.history: " + error);
        }
        CollectingSink out = new CollectingSink("slack-export", DecodeContext.utc());
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String position = name + "@" + oldest + "#" + i;
            try {
                Event event = SlackExportDecoder.decodeMessage(m, position, channelId, channelName, Map.of(),
                        DecodeContext.utc());
                if (event != null) {
                    out.event(event);
                }
            } catch (SourceDataException e) {
                out.rejected(position, "message " + i + ": " + e.getMessage(), JsonSource.bytes(m));
            }
            String ts = JsonSource.text(m, "ts");
            if (ts != null && ts.matches("\\d+\\.\\d+") && (newest == null
                    || new java.math.BigDecimal(ts).compareTo(new java.math.BigDecimal(newest)) > 0)) {
                newest = ts;
            }
        }
        String next = JsonSource.text(body.path("response_metadata"), "next_cursor");
        if (body.path("has_more").asBoolean(false) && next != null) {
            return out.page(oldest + "|" + next + "|" + (newest == null ? oldest : newest), true);
        }
        return out.page(newest == null ? oldest : newest, false);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
