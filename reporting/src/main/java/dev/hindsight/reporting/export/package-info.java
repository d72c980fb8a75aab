/** Exports of a post-mortem: Markdown, self-contained HTML, PDF from that HTML, DOCX and XLSX. */
@NullMarked
package dev.hindsight.reporting.export;

import org.jspecify.annotations.NullMarked;
