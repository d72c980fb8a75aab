/** REST API under /api, mirroring the command line; errors are RFC 9457 problem details. */
@NullMarked
package dev.hindsight.web.api;

import org.jspecify.annotations.NullMarked;
