/** Atlassian Statuspage incidents and their updates (public API and webhook bodies). */
@NullMarked
package dev.hindsight.ingest.source.statuspage;

import org.jspecify.annotations.NullMarked;
