/** Post-mortems for a viewer: drafts from the timeline, versions, review, templates. */
@NamedInterface("postmortem")
@NullMarked
package dev.hindsight.reporting.postmortem;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
