/** File import: folders and zips read in place and checked, formats detected, durable batches; the watched folder. */
@NullMarked
package dev.hindsight.ingest.internal.files;

import org.jspecify.annotations.NullMarked;
