package dev.hindsight.web.deadletters;

import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.deadletter.DeadLetterDecoder;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.search.store.DeadLetterRows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Replays dead letters: decodes the kept bytes with today's decoders, stores the events (duplicates stay duplicates),
 * then marks the letter replayed. A crash between the two leaves it pending, and replaying it again is harmless.
 */
@Service
public class DeadLetters {

    private final DeadLetterRows rows;
    private final DeadLetterDecoder decoder;
    private final EventSink sink;
    private final Clock clock;

    DeadLetters(DeadLetterRows rows, DeadLetterDecoder decoder, EventSink sink, Clock clock) {
        this.rows = rows;
        this.decoder = decoder;
        this.sink = sink;
        this.clock = clock;
    }

    /** What replaying one letter did. */
    public record Replay(long id, String origin, boolean replayed, long accepted, long duplicates,
            @Nullable String reason) {}

    public List<DeadLetterRows.Summary> list(boolean pendingOnly, int limit) {
        return rows.list(pendingOnly, limit);
    }

    /** Replays these letters, or every pending one when none are named. */
    public List<Replay> replay(List<Long> ids, DecodeContext context) {
        List<Long> targets = ids.isEmpty()
                ? rows.list(true, 10_000).stream().map(DeadLetterRows.Summary::id).toList()
                : ids;
        List<Replay> results = new ArrayList<>();
        for (long id : targets) {
            results.add(replayOne(id, context));
        }
        return results;
    }

    private Replay replayOne(long id, DecodeContext context) {
        DeadLetterRows.Letter letter = rows.get(id)
                .orElseThrow(() -> new IllegalArgumentException("no dead letter " + id));
        DeadLetterRows.Summary s = letter.summary();
        if (s.replayedAt() != null) {
            return new Replay(id, s.origin(), true, 0, 0, "already replayed at " + s.replayedAt());
        }
        return switch (decoder.decode(s.format(), s.origin(), letter.raw(), s.truncated(), context)) {
            case DeadLetterDecoder.StillRejected still -> new Replay(id, s.origin(), false, 0, 0, still.reason());
            case DeadLetterDecoder.Decoded decoded -> {
                AppendResult stored = sink.append(EventBatch.of(decoded.events()));
                rows.markReplayed(id, clock.instant());
                yield new Replay(id, s.origin(), true, stored.accepted(), stored.duplicates(), null);
            }
        };
    }
}
