/** Keeping the index and the database in agreement: rebuild and check. */
@NamedInterface("maintenance")
@NullMarked
package dev.hindsight.search.maintenance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
