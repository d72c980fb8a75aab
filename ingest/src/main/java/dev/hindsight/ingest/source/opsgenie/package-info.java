/** Opsgenie alert logs. */
@NullMarked
package dev.hindsight.ingest.source.opsgenie;

import org.jspecify.annotations.NullMarked;
