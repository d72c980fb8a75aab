/** What the reporting module's features share: cell text made safe for spreadsheets. */
@NullMarked
package dev.hindsight.reporting.internal;

import org.jspecify.annotations.NullMarked;
