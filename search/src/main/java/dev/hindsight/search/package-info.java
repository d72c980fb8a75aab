/**
 * The event store: database rows are the source of truth (each with a monotonically increasing sequence), a Lucene
 * index serves search and catches up from the database; incidents and, later, the timeline engine live here too.
 * Depends only on {@code core}. Its public API is {@link dev.hindsight.search.SearchOperations}, the core ports it
 * implements, and {@link dev.hindsight.search.incident.Incidents}.
 */
@NullMarked
package dev.hindsight.search;

import org.jspecify.annotations.NullMarked;
