/**
 * The contracts a source family implements: {@link dev.hindsight.ingest.spi.SourceFamily} declares its decoders
 * ({@link dev.hindsight.ingest.spi.FormatDecoder}, {@link dev.hindsight.ingest.spi.ArchiveDecoder}), webhooks
 * ({@link dev.hindsight.ingest.spi.WebhookMapping}) and pull kinds ({@link dev.hindsight.ingest.spi.PullKind}); a
 * decoder reports every record to a {@link dev.hindsight.ingest.spi.RecordSink}, a rejected one with the
 * {@link dev.hindsight.ingest.spi.Envelope} its replay needs. Contracts only.
 */
@NamedInterface("spi")
@NullMarked
package dev.hindsight.ingest.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
