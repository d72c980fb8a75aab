/**
 * Ingest: reads the traces real tools leave behind, decodes them into {@link dev.hindsight.core.event.Event}s and hands
 * them to the {@link dev.hindsight.core.store.EventSink} in durable batches. Every record gets exactly one outcome
 * (accepted, duplicate, skipped, rejected); rejects go to the dead-letter store with their raw bytes.
 * Depends only on {@code core}. Public API: {@link dev.hindsight.ingest.fileimport.FileImporter} and the
 * {@link dev.hindsight.ingest.spi} decoder SPI.
 */
@NullMarked
package dev.hindsight.ingest;

import org.jspecify.annotations.NullMarked;
