package dev.hindsight.reporting.export;

import dev.hindsight.core.error.InvalidInputException;
import java.util.Locale;

/** The formats a post-mortem exports to, with their media type and file extension. */
public enum ExportFormat {
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("application/pdf"),
    MD("text/markdown; charset=UTF-8"),
    HTML("text/html; charset=UTF-8");

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "unknown export format \"" + name + "\"; use docx, xlsx, pdf, md or html");
        }
    }
}
