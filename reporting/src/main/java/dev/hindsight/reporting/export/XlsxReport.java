package dev.hindsight.reporting.export;

import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.core.text.Durations;
import dev.hindsight.reporting.internal.Sheets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * The spreadsheet: timeline, metrics and action items, each a sheet with frozen headers, filters and real dates
 * (UTC). Streams rows (SXSSF) so a big timeline does not sit in memory. Text a spreadsheet would take for a formula is
 * stored quote-prefixed: shown as written, never evaluated.
 */
final class XlsxReport {

    private XlsxReport() {}

    public static byte[] render(Report r) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(Sheets.WINDOW);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.setCompressTempFiles(true);
            Sheets.Styles styles = new Sheets.Styles(book);

            SXSSFSheet timeline = book.createSheet("Timeline");
            List<String> header = List.of("At (UTC)", "Source", "Kind", "What happened", "Storyline", "Count",
                    "Until (UTC)", "Pinned", "Note",
                    "Source time if re-timed (UTC)", "Why it is here");
            Sheets.header(timeline, header, styles);
            int row = 1;
            for (Timeline.Entry e : r.timeline().entries()) {
                Row x = timeline.createRow(row++);
                Sheets.date(x, 0, e.at(), styles);
                Sheets.text(x, 1, e.source() + (e.provider() ? " (provider)" : ""), styles);
                Sheets.text(x, 2, e.kind().name(), styles);
                Sheets.text(x, 3, e.title(), styles);
                Sheets.text(x, 4, e.storyline(), styles);
                x.createCell(5).setCellValue(e.count());
                Sheets.date(x, 6, e.until(), styles);
                Sheets.text(x, 7, e.pinned() ? "yes" : "", styles);
                Sheets.text(x, 8, e.note(), styles);
                Sheets.date(x, 9, e.originalAt(), styles);
                Sheets.text(x, 10, e.reason(), styles);
            }
            Sheets.finish(timeline, header.size(), row, new int[]{20, 16, 18, 70, 24, 8, 20, 8, 40, 20, 50});

            SXSSFSheet metrics = book.createSheet("Metrics");
            Sheets.header(metrics, List.of("Metric or moment", "Seconds", "Readable", "At (UTC)"), styles);
            Timeline.Metrics m = r.timeline().metrics();
            row = 1;
            row = metric(metrics, row, "Time to detect", m.timeToDetectSeconds(), styles);
            row = metric(metrics, row, "Time to acknowledge", m.timeToAcknowledgeSeconds(), styles);
            row = metric(metrics, row, "Time to first communication", m.timeToFirstCommsSeconds(), styles);
            row = metric(metrics, row, "Time to mitigate", m.timeToMitigateSeconds(), styles);
            row = metric(metrics, row, "Time to resolve", m.timeToResolveSeconds(), styles);
            for (Timeline.Moment moment : r.timeline().moments()) {
                Row x = metrics.createRow(row++);
                Sheets.text(x, 0, moment.kind().name(), styles);
                Sheets.date(x, 3, moment.at(), styles);
            }
            Sheets.finish(metrics, 4, row, new int[]{30, 12, 16, 20});

            SXSSFSheet actions = book.createSheet("Action items");
            List<String> actionHeader = List.of("ID", "Action", "Owner", "Team", "Type", "Priority", "Due", "Status",
                    "Tracker", "Lesson");
            Sheets.header(actions, actionHeader, styles);
            row = 1;
            for (ActionItem a : r.actions()) {
                Row x = actions.createRow(row++);
                x.createCell(0).setCellValue(a.id());
                Sheets.text(x, 1, a.title(), styles);
                Sheets.text(x, 2, a.owner(), styles);
                Sheets.text(x, 3, a.team(), styles);
                Sheets.text(x, 4, a.type().name(), styles);
                Sheets.text(x, 5, a.priority().name(), styles);
                if (a.dueDate() != null) {
                    Cell c = x.createCell(6);
                    c.setCellValue(a.dueDate());
                    c.setCellStyle(styles.day);
                }
                Sheets.text(x, 7, a.status().name(), styles);
                Sheets.text(x, 8, a.trackerKey(), styles);
                Sheets.text(x, 9, a.lesson(), styles);
            }
            Sheets.finish(actions, actionHeader.size(), row, new int[]{6, 60, 16, 16, 12, 9, 12, 12, 12, 60});

            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XLSX", e);
        }
    }

    private static int metric(SXSSFSheet sheet, int row, String name, @Nullable Long seconds, Sheets.Styles styles) {
        Row x = sheet.createRow(row);
        Sheets.text(x, 0, name, styles);
        if (seconds != null) {
            x.createCell(1).setCellValue(seconds);
        }
        Sheets.text(x, 2, Durations.readableSeconds(seconds), styles);
        return row + 1;
    }
}
