package dev.hindsight.ingest.spi;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A source Hindsight pulls from (PagerDuty, Slack, an IMAP mailbox, a status page). {@link #poll} fetches one page
 * after a cursor and returns it with the cursor to resume from; it does not store anything: the runner commits the
 * events with the new cursor in one transaction, so a crash repeats at most one page, and repeats are duplicates.
 *
 * <p>Called from the runner's single thread only; implementations need not be thread-safe.
 */
public interface PullSource {

    /** Unique name, also the checkpoint's partition: {@code pagerduty:main}. */
    String name();

    /** Time between runs when the source is healthy. */
    Duration interval();

    /**
     * One page after the cursor.
     *
     * @param cursor where the last committed page ended; null on the very first run
     * @throws RetriableSourceException for transient trouble (rate limits, 5xx, timeouts): the runner backs off
     * @throws IOException for trouble reaching the source at all (also retried with backoff)
     */
    Page poll(@Nullable String cursor) throws IOException;

    /**
     * A fetched page.
     *
     * @param next the cursor after this page
     * @param more true when another page is ready at once
     */
    record Page(List<Event> events, List<DeadLetter> rejected, String next, boolean more) {
        public Page {
            events = List.copyOf(events);
            rejected = List.copyOf(rejected);
        }
    }
}
