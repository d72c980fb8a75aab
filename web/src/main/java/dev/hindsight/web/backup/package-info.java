/** Backups of the embedded database (online, consistent under ingest) and restoring one into an empty data directory. */
@NullMarked
package dev.hindsight.web.backup;

import org.jspecify.annotations.NullMarked;
