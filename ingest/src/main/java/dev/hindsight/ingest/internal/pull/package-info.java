/** The pull runner: schedules, checkpoints, backoff; sources added through the API and where they may reach. */
@NullMarked
package dev.hindsight.ingest.internal.pull;

import org.jspecify.annotations.NullMarked;
