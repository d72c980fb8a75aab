package dev.hindsight.search.timeline;

import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened and left no trace in any source (a phone call, a decision), added to a timeline by hand.
 *
 * @param kind NOTE when not given
 */
public record ManualEvent(Instant at, String title, @Nullable String text, @Nullable EventKind kind) {}
