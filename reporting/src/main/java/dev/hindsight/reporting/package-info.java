/**
 * Post-mortems, their lessons as action items, exports of both, and analytics across incidents. Depends only on
 * {@code core}: incidents and timelines come through its ports ({@code IncidentDirectory}, {@code TimelineSource}),
 * always for a viewer, so what a viewer may not see never reaches a report, a list or a chart.
 *
 * <p>Its API is its named interfaces: {@code postmortem}, {@code actions}, {@code export} and {@code analytics}; each
 * facade takes the {@code Viewer}. {@code internal} is the module's own.
 */
@ApplicationModule(displayName = "Reporting: post-mortems, action items, exports, analytics", allowedDependencies = "core")
@NullMarked
package dev.hindsight.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
