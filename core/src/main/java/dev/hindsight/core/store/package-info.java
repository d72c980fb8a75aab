/** Ports of the Lucene-indexed event store: durable append and bounded search. */
@NullMarked
package dev.hindsight.core.store;

import org.jspecify.annotations.NullMarked;
