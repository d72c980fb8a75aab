/** Imports as the CLI and the REST API run them: incident handling around the file importer, and upload jobs. */
@NullMarked
package dev.hindsight.web.imports;

import org.jspecify.annotations.NullMarked;
