package dev.hindsight.ingest.source.chat;

import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.support.MessageAttachments;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;

/**
 * Mattermost bulk export (JSONL, first line {@code {"type":"version"}}): each post and each reply is one message;
 * team, channel, user and other definition lines are skipped.
 */
class MattermostDecoder implements FormatDecoder {

    static final String PARSER = "mattermost/1";
    static final int MAX_LINE = 4 << 20;

    @Override
    public String format() {
        return "mattermost";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String first = JsonSource.head(head).stripLeading();
        return first.matches("(?s)\\{\\s*\"type\"\\s*:\\s*\"version\".*") ? 95 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        boolean[] versioned = {false};
        Lines.each(file, MAX_LINE, sink, (number, line, position) -> {
            byte[] raw = line.getBytes(StandardCharsets.UTF_8);
            try {
                JsonNode node = JsonSource.parse(raw);
                String type = JsonSource.required(node, "type");
                if (!versioned[0]) {
                    if (!"version".equals(type)) {
                        throw new SourceDataException(
                                "the first line of a Mattermost bulk export must be the version line");
                    }
                    versioned[0] = true;
                    sink.skipped(position, "version line");
                    return;
                }
                switch (type) {
                    case "post" ->
                        post(node.get("post"), text(node.path("post"), "channel"), position, raw, context, sink);
                    case "direct_post" ->
                        post(node.get("direct_post"), directChannel(node.get("direct_post")), position, raw,
                                context, sink);
                    default -> sink.skipped(position, type + " definition");
                }
            } catch (SourceDataException e) {
                if (number == 1) {
                    throw e;
                }
                sink.rejected(position, "line " + number + ": " + e.getMessage(), raw);
            }
        });
    }

    private static void post(JsonNode post, String channel, String position, byte[] raw, DecodeContext context,
            RecordSink sink) {
        if (post == null || !post.isObject()) {
            throw new SourceDataException("the post object is missing");
        }
        String postType = text(post, "type");
        if (postType != null && postType.startsWith("system_")) {
            sink.skipped(position, "system post " + postType + " (joins, leaves, header changes)");
        } else {
            sink.event(message(post, channel, position, raw, context));
        }
        JsonNode replies = post.path("replies");
        for (int i = 0; i < replies.size(); i++) {
            sink.event(message(replies.get(i), channel, position + "/replies[" + i + "]", raw, context));
        }
    }

    private static dev.hindsight.core.event.Event message(JsonNode post, String channel, String position, byte[] raw,
            DecodeContext context) {
        String createAt = JsonSource.required(post, "create_at");
        long millis;
        try {
            millis = Long.parseLong(createAt);
        } catch (NumberFormatException e) {
            throw new SourceDataException("field 'create_at' is not epoch milliseconds: '" + createAt + "'");
        }
        var instant = JsonSource.epochMillis(millis, createAt);
        var at = new Timestamps.Parsed(instant, createAt, ZoneOffset.UTC.getId(), false);
        String message = text(post, "message") == null ? "" : text(post, "message").strip();
        // an integration's post: its words are in its attachments
        String attachments = MessageAttachments.text(post.path("props").path("attachments"), part -> part);
        String text = message.isEmpty() ? attachments : attachments.isEmpty() ? message : message + "\n" + attachments;
        if (text.isEmpty()) {
            throw new SourceDataException("the post has no message and no attachments with text");
        }
        return ChatMessages.message("mattermost", channel == null ? "unknown" : channel, at, text(post, "user"), text,
                new RawRecord(position, raw, PARSER), context);
    }

    private static String directChannel(JsonNode post) {
        if (post == null) {
            throw new SourceDataException("the direct_post object is missing");
        }
        java.util.List<String> members = new java.util.ArrayList<>();
        post.path("channel_members").forEach(m -> members.add(m.asString()));
        members.sort(null);
        return "dm:" + String.join(",", members);
    }
}
