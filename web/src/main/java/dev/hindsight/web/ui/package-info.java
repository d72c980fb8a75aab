/** Server-rendered pages. */
@NullMarked
package dev.hindsight.web.ui;

import org.jspecify.annotations.NullMarked;
