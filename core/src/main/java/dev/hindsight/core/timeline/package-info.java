/** The timeline model shared by the engine that builds it, the UI and API that show it and the reports that export it. */
@NullMarked
package dev.hindsight.core.timeline;

import org.jspecify.annotations.NullMarked;
