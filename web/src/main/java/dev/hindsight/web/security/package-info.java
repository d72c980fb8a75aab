/** Who may do what: sign-in, API tokens, roles, throttling; the viewer of a request. */
@NullMarked
package dev.hindsight.web.security;

import org.jspecify.annotations.NullMarked;
