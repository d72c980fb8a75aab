/** Authentication (form login, hashed API tokens), roles, and who the current viewer is. */
@NullMarked
package dev.hindsight.web.security;

import org.jspecify.annotations.NullMarked;
