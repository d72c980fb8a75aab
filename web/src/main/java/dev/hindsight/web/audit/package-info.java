/** The append-only audit log: who did what, when, and how it went. */
@NullMarked
package dev.hindsight.web.audit;

import org.jspecify.annotations.NullMarked;
