package dev.hindsight.search.timeline;

import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened and left no trace in any source (a phone call, a decision), added to a timeline by hand, or
 * captured from chat while it happened.
 *
 * @param kind NOTE when not given
 * @param captured where a message captured from chat came from; null for one written in Hindsight
 */
public record ManualEvent(Instant at, String title, @Nullable String text, @Nullable EventKind kind,
        @Nullable Captured captured) {

    public ManualEvent(Instant at, String title, @Nullable String text, @Nullable EventKind kind) {
        this(at, title, text, kind, null);
    }

    /**
     * A message captured from chat.
     *
     * @param author who wrote it there (the event's actor)
     * @param channel the channel it was written in
     * @param permalink the message's own address, when the platform gives one
     * @param messageId the platform's identity of the message or command, so that a retried request or a message
     *     captured twice is stored once; null when there is none
     */
    public record Captured(String author, String channel, @Nullable String permalink, @Nullable String messageId) {}
}
