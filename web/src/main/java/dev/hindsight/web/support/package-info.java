/** Cross-cutting web support: error mapping to problem details. */
@NullMarked
package dev.hindsight.web.support;

import org.jspecify.annotations.NullMarked;
