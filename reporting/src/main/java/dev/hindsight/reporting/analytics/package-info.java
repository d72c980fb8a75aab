/** Figures across incidents for the management dashboard. */
@NullMarked
package dev.hindsight.reporting.analytics;

import org.jspecify.annotations.NullMarked;
