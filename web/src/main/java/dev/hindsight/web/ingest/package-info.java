/** Ingest status: pull sources, their lag, counts and errors. */
@NullMarked
package dev.hindsight.web.ingest;

import org.jspecify.annotations.NullMarked;
