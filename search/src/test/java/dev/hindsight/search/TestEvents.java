package dev.hindsight.search;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test events with sensible defaults; each test uses its own source name so tests never see each other's data. */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2014-08-12T07:50:00Z");

    private TestEvents() {}

    public static Event.Builder event(String source, int minute, EventKind kind, String title) {
        return Event.builder(source, kind, T0.plusSeconds(60L * minute), title)
                .dedupKey(source + "-" + minute + "-" + title)
                .raw(new RawRecord("test#" + minute, ("{\"title\":\"" + title + "\"}").getBytes(StandardCharsets.UTF_8),
                        "test/1"));
    }
}
