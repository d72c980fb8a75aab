package dev.hindsight.reporting.export;

import java.util.Base64;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The post-mortem as one self-contained HTML file (styles inline, the chart as a data URI), rendered from the
 * Markdown export. Raw HTML in any text is escaped and link targets are sanitised, so chat text cannot inject script.
 * The same HTML is the source of the PDF and of the post-mortem page's preview.
 */
final class HtmlReport {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 11pt; color: #111827; max-width: 60em; margin: 2em auto; line-height: 1.45; }
            h1 { font-size: 20pt; margin-bottom: .2em; } h2 { font-size: 14pt; border-bottom: 1px solid #e5e7eb; margin-top: 1.6em; }
            table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: .6em 0; }
            th, td { border: 1px solid #d1d5db; padding: 3px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f4f6; } blockquote { border-left: 4px solid #d97706; margin: 0; padding: .2em 1em; background: #fffbeb; }
            img.chart { width: 100%; } .generated { color: #6b7280; font-size: 9pt; }
            """;

    private HtmlReport() {}

    /** The body: the rendered Markdown with the timeline chart before the timeline table. */
    public static String body(Report r) {
        String html = RENDERER.render(PARSER.parse(MarkdownReport.render(r)));
        return TimelineChart.png(r)
                .map(png -> html.replaceFirst("<h2>Timeline</h2>",
                        "<h2>Timeline</h2>\n<img class=\"chart\" alt=\"Timeline chart: entries by storyline over time\" src=\"data:image/png;base64,"
                                + Base64.getEncoder().encodeToString(png) + "\" />"))
                .orElse(html);
    }

    public static String render(Report r) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" />\n<title>" + escape(r.title())
                + "</title>\n"
                + "<style>" + STYLE + "</style></head>\n<body>\n" + body(r) + "</body></html>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
