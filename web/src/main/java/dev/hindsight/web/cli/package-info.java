/** The command line's plumbing: a command's application context, the data directory's lock, options, JSON output, progress. */
@NullMarked
package dev.hindsight.web.cli;

import org.jspecify.annotations.NullMarked;
