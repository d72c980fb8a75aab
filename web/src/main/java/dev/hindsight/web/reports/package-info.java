/** Post-mortems, action items and exports over HTTP and in pages; builds the report a viewer may see. */
@NullMarked
package dev.hindsight.web.reports;

import org.jspecify.annotations.NullMarked;
