/**
 * File import as other modules use it: {@link dev.hindsight.ingest.files.FileImports}, its options, progress and
 * report, and the JSONL form of an event that the generic decoder reads back.
 */
@NamedInterface("files")
@NullMarked
package dev.hindsight.ingest.files;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
