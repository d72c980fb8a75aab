/** Slack workspace exports, zipped or unpacked. */
@NullMarked
package dev.hindsight.ingest.source.slack;

import org.jspecify.annotations.NullMarked;
