/** The data directory: where the database and index live, and the lock that keeps one writer per directory. */
@NullMarked
package dev.hindsight.web.datadir;

import org.jspecify.annotations.NullMarked;
