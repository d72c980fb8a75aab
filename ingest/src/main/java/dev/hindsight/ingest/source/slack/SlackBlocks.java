package dev.hindsight.ingest.source.slack;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The text of Slack's Block Kit blocks, for messages whose {@code text} is empty: headers, sections (with their
 * fields), context lines and rich text (sections, lists, quotes, preformatted), each block a line.
 */
final class SlackBlocks {

    private SlackBlocks() {}

    static String text(JsonNode blocks) {
        List<String> lines = new ArrayList<>();
        for (JsonNode block : blocks) {
            StringBuilder line = new StringBuilder();
            switch (block.path("type").asString("")) {
                case "header", "section" -> {
                    append(line, block.path("text").path("text").asString(""));
                    for (JsonNode field : block.path("fields")) {
                        append(line, field.path("text").asString(""));
                    }
                }
                case "context" -> block.path("elements").forEach(e -> append(line, e.path("text").asString("")));
                case "rich_text" -> richText(block.path("elements"), line);
                default -> {
                    // dividers, images, actions and inputs carry no words
                }
            }
            if (!line.toString().isBlank()) {
                lines.add(line.toString().strip());
            }
        }
        return String.join("\n", lines);
    }

    /** Rich text elements nest: sections, lists and quotes hold runs of text, links, users, channels, emoji. */
    private static void richText(JsonNode elements, StringBuilder out) {
        for (JsonNode e : elements) {
            switch (e.path("type").asString("")) {
                case "text" -> out.append(e.path("text").asString(""));
                case "link" -> out.append(e.has("text") ? e.path("text").asString("") : e.path("url").asString(""));
                case "user" -> out.append("<@").append(e.path("user_id").asString("")).append('>');
                case "channel" -> out.append("<#").append(e.path("channel_id").asString("")).append('>');
                case "emoji" -> out.append(':').append(e.path("name").asString("")).append(':');
                case "broadcast" -> out.append("@").append(e.path("range").asString(""));
                default -> {
                    if (e.has("elements")) {
                        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                            out.append('\n');
                        }
                        richText(e.path("elements"), out);
                    }
                }
            }
        }
    }

    private static void append(StringBuilder line, String text) {
        if (!text.isBlank()) {
            line.append(line.isEmpty() ? "" : "\n").append(text);
        }
    }
}
