package dev.hindsight.ingest.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The text of the attachments integrations post instead of a message (Slack's {@code attachments} and Mattermost's
 * {@code props.attachments}, one shape): pretext, title, text and each field as {@code title: value}; the fallback
 * only when there is nothing else. An alert bot's post reads as what it says.
 */
public final class MessageAttachments {

    private MessageAttachments() {}

    /** The attachments' text, one line per part, each part passed through {@code plain}; empty when there is none. */
    public static String text(JsonNode attachments, UnaryOperator<String> plain) {
        List<String> lines = new ArrayList<>();
        for (JsonNode a : attachments) {
            List<String> parts = new ArrayList<>();
            add(parts, a.get("pretext"));
            add(parts, a.get("title"));
            add(parts, a.get("text"));
            for (JsonNode field : a.path("fields")) {
                String title = value(field.get("title"));
                String value = value(field.get("value"));
                if (value != null) {
                    parts.add(title == null ? value : title + ": " + value);
                }
            }
            if (parts.isEmpty()) {
                add(parts, a.get("fallback"));
            }
            parts.forEach(p -> lines.add(plain.apply(p)));
        }
        return String.join("\n", lines);
    }

    private static void add(List<String> parts, @Nullable JsonNode node) {
        String value = value(node);
        if (value != null) {
            parts.add(value);
        }
    }

    private static @Nullable String value(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String text = node.asString().strip();
        return text.isEmpty() ? null : text;
    }
}
