package dev.hindsight.web.chat;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a chat platform sent, once its origin is proven: who, where, and either a command's words or a message to
 * capture.
 *
 * @param requestId the platform's id of this invocation (a retry carries the same), for storing it once
 */
record ChatRequest(Platform platform, String teamDomain, String channelId, String channelName, String userName,
        String text, @Nullable String requestId, @Nullable Message message) {

    enum Platform {
        SLACK,
        MATTERMOST;

        String label() {
            return this == SLACK ? "Slack" : "Mattermost";
        }

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + ":";
        }
    }

    /**
     * A message picked with the "Add to incident timeline" shortcut.
     *
     * @param id the platform's identity of the message (Slack: its ts), so capturing it twice stores it once
     */
    record Message(String id, Instant at, String author, String text, @Nullable String permalink) {}
}
