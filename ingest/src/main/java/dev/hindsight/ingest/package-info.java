/**
 * Ingest: reads the traces real tools leave behind, decodes them into {@link dev.hindsight.core.event.Event}s and hands
 * them to the {@link dev.hindsight.core.store.EventSink} in durable batches. Every record gets exactly one outcome
 * (accepted, duplicate, skipped, rejected); rejects go to the dead-letter store with their raw bytes and what a replay
 * needs. Depends only on {@code core}.
 *
 * <p>Its API is this package: {@link dev.hindsight.ingest.files.FileImports}, {@link dev.hindsight.ingest.webhooks.Webhooks},
 * {@link dev.hindsight.ingest.pull.PullSources} and {@link dev.hindsight.ingest.deadletters.DeadLetters}, each taking the
 * {@code Viewer} who imports, sends or looks. Source families live one per folder under {@code source} and meet the
 * rest through the contracts in {@code spi}; {@code support} holds what decoders share, {@code internal} the
 * machinery (file import, the one registry, the pull runner, replays).
 */
@ApplicationModule(displayName = "Ingest: files, webhooks, pull sources, dead letters", allowedDependencies = "core")
@NullMarked
package dev.hindsight.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
