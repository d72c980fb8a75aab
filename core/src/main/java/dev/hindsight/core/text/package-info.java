/** How Hindsight writes durations and clips text, the same everywhere (pages, exports, findings, the database). */
@NullMarked
package dev.hindsight.core.text;

import org.jspecify.annotations.NullMarked;
