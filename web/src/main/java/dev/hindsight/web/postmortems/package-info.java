/** Post-mortems: the page with its editor and review, the REST API with exports, the export command. */
@NullMarked
package dev.hindsight.web.postmortems;

import org.jspecify.annotations.NullMarked;
