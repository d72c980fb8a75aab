/** Ways in: webhooks, uploads and imports, pull sources, dead letters; the ingest page and the import, dead-letters and generate commands. */
@NullMarked
package dev.hindsight.web.ingest;

import org.jspecify.annotations.NullMarked;
