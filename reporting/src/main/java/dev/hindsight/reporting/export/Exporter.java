package dev.hindsight.reporting.export;

import java.nio.charset.StandardCharsets;

/** One entry point for every export format. */
public final class Exporter {

    private Exporter() {}

    public static byte[] export(Report report, ExportFormat format) {
        return switch (format) {
            case DOCX -> DocxReport.render(report);
            case XLSX -> XlsxReport.render(report);
            case PDF -> PdfReport.render(report);
            case MD -> MarkdownReport.render(report).getBytes(StandardCharsets.UTF_8);
            case HTML -> HtmlReport.render(report).getBytes(StandardCharsets.UTF_8);
        };
    }
}
