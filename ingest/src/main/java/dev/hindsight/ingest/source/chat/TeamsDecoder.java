package dev.hindsight.ingest.source.chat;

import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import java.io.IOException;
import org.jsoup.Jsoup;
import tools.jackson.databind.JsonNode;

/**
 * Microsoft Teams messages as Microsoft Graph returns them ({@code value[]} of chatMessage, replies expanded or not).
 * System and event messages are skipped; deleted messages too. HTML bodies become plain text.
 */
class TeamsDecoder implements FormatDecoder {

    static final String PARSER = "teams/1";

    @Override
    public String format() {
        return "teams";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        return JsonSource.hasKey(text, "messageType") && JsonSource.hasKey(text, "createdDateTime") ? 85 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        JsonNode root = JsonSource.read(file);
        if (root.isObject() && root.has("messageType") && !root.has("value")) {
            // one message, as GET .../messages/{id} returns it
            decodeMessages(JsonSource.arrayOf(root), file.name(), "message", context, sink);
            return;
        }
        JsonNode messages = root.isArray() ? root : root.get("value");
        decodeMessages(messages, file.name(), "value", context, sink);
    }

    private static void decodeMessages(JsonNode messages, String origin, String what, DecodeContext context,
            RecordSink sink) {
        JsonSource.eachEntry(messages, origin, what, sink, entry -> {
            JsonNode m = entry.node();
            JsonNode replies = m.get("replies");
            if (replies != null && replies.isArray() && !replies.isEmpty()) {
                decodeMessages(replies, entry.position(), "replies", context, sink);
            }
            if (!"message".equals(text(m, "messageType"))) {
                throw new JsonSource.Skip("messageType " + text(m, "messageType") + " is not a message");
            }
            if (text(m, "deletedDateTime") != null) {
                throw new JsonSource.Skip("deleted message");
            }
            Timestamps.Parsed at = JsonSource.time(m, "createdDateTime");
            JsonNode from = m.path("from");
            String author = text(from.path("user"), "displayName");
            if (author == null) {
                author = text(from.path("application"), "displayName");
            }
            JsonNode body = m.path("body");
            String content = text(body, "content") == null ? "" : text(body, "content");
            boolean html = "html".equalsIgnoreCase(text(body, "contentType"));
            String plain = (html ? Jsoup.parse(content).wholeText() : content).replace('\u00A0', ' ').strip();
            if (plain.isEmpty()) {
                plain = placeholder(m, html ? Jsoup.parse(content) : null);
            }
            String subject = text(m, "subject");
            if (subject != null) {
                plain = subject + "\n" + plain;
            }
            if (plain.isBlank()) {
                throw new JsonSource.Skip("message without text");
            }
            JsonNode identity = m.path("channelIdentity");
            String channel = text(identity, "channelId") != null
                    ? text(identity, "channelId")
                    : text(m, "chatId") != null ? text(m, "chatId") : origin;
            var event = ChatMessages.message("teams", channel, at, author, plain,
                    JsonSource.raw(entry.position(), m, PARSER), context);
            String replyTo = text(m, "replyToId");
            return replyTo == null ? event : event.withLabel("thread", replyTo);
        });
    }

    /** What a message without words shows: its images, its attachments by name, or its cards. */
    private static String placeholder(JsonNode m, org.jsoup.nodes.@org.jspecify.annotations.Nullable Document html) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int images = html == null ? 0 : html.select("img").size();
        if (images > 0) {
            parts.add(images == 1 ? "[image]" : "[" + images + " images]");
        }
        for (JsonNode a : m.path("attachments")) {
            String name = text(a, "name");
            String type = text(a, "contentType");
            parts.add(name != null
                    ? "[attachment: " + name + "]"
                    : type != null && type.contains("card") ? "[card]" : "[attachment]");
        }
        return String.join(" ", parts);
    }
}
