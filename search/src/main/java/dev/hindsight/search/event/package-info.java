/** Single events for a viewer: details, raw records, attaching to an incident. */
@NamedInterface("event")
@NullMarked
package dev.hindsight.search.event;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
