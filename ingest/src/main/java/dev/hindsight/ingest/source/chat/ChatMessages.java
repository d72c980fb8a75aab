package dev.hindsight.ingest.source.chat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.Timestamps;
import dev.hindsight.ingest.support.Titles;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** What chat sources share: the contract's dedup key (channel + time + author + text hash) and the event shape. */
final class ChatMessages {

    private ChatMessages() {}

    static Event message(String source, String channel, Timestamps.Parsed at, @Nullable String author, String text,
            RawRecord raw, DecodeContext context) {
        String hash = EventId.contentHash(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Event.Builder event = at.applyTo(
                Event.builder(source, EventKind.CHAT_MESSAGE, at.instant(), Titles.firstLine(text)))
                .text(text)
                .actor(author)
                .label("channel", channel)
                .dedupKey(channel + "|" + at.instant() + "|" + author + "|" + hash)
                .raw(raw);
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
    }
}
