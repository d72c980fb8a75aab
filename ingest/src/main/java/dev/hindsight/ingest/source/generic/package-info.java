/** The generic formats of the contract: jsonl and csv with the documented column mapping. */
@NullMarked
package dev.hindsight.ingest.source.generic;

import org.jspecify.annotations.NullMarked;
