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
import tools.jackson.databind.node.ObjectNode;

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
    /** User and bot names looked up so far, by id. */
    private final Map<String, String> users = new java.util.HashMap<>();
    private final Map<String, @Nullable String> bots = new java.util.HashMap<>();
    static final int MAX_REMEMBERED = 50_000;

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
                Event event = SlackExportDecoder.decodeMessage(withBotName(m), position, channelId, channelName,
                        names(m), DecodeContext.utc());
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

    /**
     * Names of the users a message names, as the export would have them; asked of {@code users.info} once per user and
     * remembered. Without the {@code users:read} scope the ids stay.
     */
    private Map<String, String> names(JsonNode m) {
        for (String id : SlackExportDecoder.userIds(m)) {
            if (!users.containsKey(id) && users.size() < MAX_REMEMBERED) {
                users.put(id, lookup("users.info?user=" + enc(id), "user").map(SlackExportDecoder::displayName)
                        .orElse(id));
            }
        }
        return users;
    }

    /** A bot's post without a username gets its bot's name from {@code bots.info}, not its bot id. */
    private JsonNode withBotName(JsonNode m) {
        String bot = JsonSource.text(m, "bot_id");
        if (bot == null || JsonSource.text(m, "username") != null
                || JsonSource.text(m.path("bot_profile"), "name") != null || !(m instanceof ObjectNode o)) {
            return m;
        }
        String botName = bots.computeIfAbsent(bot, id -> lookup("bots.info?bot=" + enc(id), "bot")
                .map(b -> JsonSource.text(b, "name")).orElse(null));
        return botName == null ? m : o.deepCopy().put("username", botName);
    }

    private java.util.Optional<JsonNode> lookup(String call, String field) {
        try {
            JsonNode answer = http.get(URI.create(baseUrl + "/" + call), Map.of("Authorization", "Bearer " + token));
            return answer.path("ok").asBoolean(false)
                    ? java.util.Optional.of(answer.path(field))
                    : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // a name is a nicety: the message is stored with the id
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
