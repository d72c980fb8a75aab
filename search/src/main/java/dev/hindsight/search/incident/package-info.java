/** Incidents: declaring, finding, changing and restricting them, always for a viewer. */
@NamedInterface("incident")
@NullMarked
package dev.hindsight.search.incident;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
