/**
 * Shared kernel of Hindsight: the normalized event every source is decoded into, incident value types, the timeline
 * model, and the ports the other modules meet at ({@link dev.hindsight.core.store.EventSink},
 * {@link dev.hindsight.core.store.EventSearch}, {@link dev.hindsight.core.store.DeadLetterStore},
 * {@link dev.hindsight.core.incident.IncidentDirectory}, {@link dev.hindsight.core.timeline.TimelineSource}). Depends
 * on nothing of ours and on no framework; every package of it is API, so the module is open.
 */
@ApplicationModule(displayName = "Core: the shared kernel", type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.hindsight.core;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
