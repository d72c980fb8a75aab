/** How senders that sign what they send are checked: one HMAC and one constant-time comparison for all of them. */
@NullMarked
package dev.hindsight.core.signature;

import org.jspecify.annotations.NullMarked;
