package dev.hindsight.core.store;

import dev.hindsight.core.incident.Viewer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The dead letters the store kept, as the people who run ingest see them: a letter of an import into an incident the
 * viewer may not see does not exist for them. Written by {@link EventSink#append}; implemented by the search module.
 */
public interface DeadLetterStore {

    /** A dead letter without its bytes. */
    record Summary(
            long id,
            Instant receivedAt,
            String format,
            String origin,
            String reason,
            int size,
            boolean truncated,
            @Nullable String incidentKey,
            @Nullable Instant replayedAt) {}

    /** A dead letter with the bytes that were kept and its replay recipe. */
    record Letter(Summary summary, byte[] raw, DeadLetter.Replay replay) {}

    /** Newest first. */
    List<Summary> list(Viewer viewer, boolean pendingOnly, int limit);

    Optional<Letter> get(long id, Viewer viewer);

    /** How many letters the viewer may see are waiting for a replay. */
    long pending(Viewer viewer);

    /** Marks a letter replayed: its events are stored now. */
    void markReplayed(long id, Instant at);
}
