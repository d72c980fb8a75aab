/** Post-mortems, their lessons as action items, exports of both, and analytics across incidents. */
@NullMarked
package dev.hindsight.reporting;

import org.jspecify.annotations.NullMarked;
