/** The database side of the store: durable, deduplicated, sequenced event rows, dead letters, checkpoints. */
@NullMarked
package dev.hindsight.search.internal.store;

import org.jspecify.annotations.NullMarked;
