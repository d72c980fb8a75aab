/** The management dashboard across the incidents a viewer may see. */
@NamedInterface("analytics")
@NullMarked
package dev.hindsight.reporting.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
