/** What every feature shares: problem answers, the audit log, times and zones, the application's settings. */
@NullMarked
package dev.hindsight.web.support;

import org.jspecify.annotations.NullMarked;
