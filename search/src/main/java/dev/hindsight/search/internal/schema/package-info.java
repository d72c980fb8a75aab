/** The database schema: each module's migrations in its own history. */
@NullMarked
package dev.hindsight.search.internal.schema;

import org.jspecify.annotations.NullMarked;
