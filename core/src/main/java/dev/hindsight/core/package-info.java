/**
 * Shared kernel of Hindsight: the normalized event every source is decoded into, incident value types, and the ports
 * of the event store ({@link dev.hindsight.core.store.EventSink}, {@link dev.hindsight.core.store.EventSearch}).
 * Depends on nothing of ours and on no framework.
 */
@NullMarked
package dev.hindsight.core;

import org.jspecify.annotations.NullMarked;
