/** Post-mortem exports for a viewer: DOCX, XLSX, PDF, Markdown and self-contained HTML. */
@NamedInterface("export")
@NullMarked
package dev.hindsight.reporting.export;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
