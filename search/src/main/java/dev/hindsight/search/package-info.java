/**
 * The event store: database rows are the source of truth (each with a monotonically increasing sequence), a Lucene
 * index serves search and catches up from the database; incidents, the timeline engine and curation live here too.
 * Depends only on {@code core}.
 *
 * <p>Its API is its named interfaces: {@code incident} (declaring and finding incidents), {@code event} (single events
 * and attaching them), {@code timeline} (timelines, curation, similar incidents) and {@code maintenance} (reindex,
 * check), plus the core ports it implements ({@code EventSink}, {@code EventSearch}, {@code DeadLetterStore},
 * {@code Checkpoints}, {@code IncidentDirectory}, {@code TimelineSource}). Every operation on incident data takes the
 * {@code Viewer} and applies the visibility rule itself ({@code internal.visibility}); everything under
 * {@code internal} is the module's own.
 */
@ApplicationModule(displayName = "Search: the event store, incidents and timelines", allowedDependencies = "core")
@NullMarked
package dev.hindsight.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
