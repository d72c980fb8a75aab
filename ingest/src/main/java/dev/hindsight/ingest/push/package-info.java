/** Push ingest: webhook bodies decoded with the file decoders' mappers and stored in one durable batch. */
@NullMarked
package dev.hindsight.ingest.push;

import org.jspecify.annotations.NullMarked;
