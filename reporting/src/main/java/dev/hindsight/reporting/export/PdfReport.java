package dev.hindsight.reporting.export;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/** The PDF, printed from the same HTML as the HTML export (openhtmltopdf on PDFBox). */
final class PdfReport {

    /** A Unicode font when the system has one (Debian's fonts-dejavu); the PDF base fonts cover Latin-1 only. */
    static final File DEJAVU = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    static final File DEJAVU_BOLD = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    static {
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false); // its INFO lines would flood the CLI's stderr
    }

    private PdfReport() {}

    public static byte[] render(Report r) {
        String html = HtmlReport.render(r).replace("max-width: 60em; margin: 2em auto;", "margin: 0;")
                + "";
        org.jsoup.nodes.Document parsed = Jsoup.parse(html);
        parsed.head().appendElement("style").text("@page { size: A4; margin: 18mm 15mm; }");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            if (DEJAVU.canRead()) {
                builder.useFont(DEJAVU, "DejaVu Sans");
            }
            if (DEJAVU_BOLD.canRead()) {
                builder.useFont(DEJAVU_BOLD, "DejaVu Sans", 700,
                        com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
            }
            builder.withW3cDocument(new W3CDom().fromJsoup(parsed), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print the post-mortem to PDF", e);
        }
        return out.toByteArray();
    }
}
