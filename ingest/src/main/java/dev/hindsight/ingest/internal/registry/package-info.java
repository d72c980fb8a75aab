/** The one registry of formats, webhooks and pull kinds, built from the source families. */
@NullMarked
package dev.hindsight.ingest.internal.registry;

import org.jspecify.annotations.NullMarked;
