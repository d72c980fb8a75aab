/** File import: walks paths, detects formats, batches durable appends and counts every outcome. */
@NullMarked
package dev.hindsight.ingest.fileimport;

import org.jspecify.annotations.NullMarked;
