/**
 * Kafka as the ingest bus, optional per deployment ({@code hindsight.ingest.bus.kind=kafka}): every write of the
 * store (webhooks, pull sources, uploads, on any node) is published as one record and answered once Kafka holds it;
 * {@link dev.hindsight.ingest.kafka.BusConsumer} commits each record to the database and only then its offset.
 */
@NullMarked
package dev.hindsight.ingest.kafka;

import org.jspecify.annotations.NullMarked;
