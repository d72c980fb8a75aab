package dev.hindsight.reporting.export;

import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.postmortem.DraftWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * The spreadsheet: timeline, metrics and action items, each a sheet with frozen headers, filters and real dates
 * (UTC). Streams rows (SXSSF) so a big timeline does not sit in memory. Text a spreadsheet would take for a formula is
 * stored quote-prefixed: shown as written, never evaluated.
 */
public final class XlsxReport {

    static final int MAX_CELL = 32_767;
    static final int WINDOW = 200;

    private XlsxReport() {}

    public static byte[] render(Report r) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(WINDOW); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.setCompressTempFiles(true);
            Styles styles = new Styles(book);

            SXSSFSheet timeline = book.createSheet("Timeline");
            List<String> header = List.of("At (UTC)", "Source", "Kind", "What happened", "Storyline", "Count",
                    "Until (UTC)", "Pinned", "Note",
                    "Source time if re-timed (UTC)", "Why it is here");
            header(timeline, header, styles);
            int row = 1;
            for (Timeline.Entry e : r.timeline().entries()) {
                Row x = timeline.createRow(row++);
                date(x, 0, e.at(), styles);
                text(x, 1, e.source() + (e.provider() ? " (provider)" : ""), styles);
                text(x, 2, e.kind().name(), styles);
                text(x, 3, e.title(), styles);
                text(x, 4, e.storyline(), styles);
                x.createCell(5).setCellValue(e.count());
                date(x, 6, e.until(), styles);
                text(x, 7, e.pinned() ? "yes" : "", styles);
                text(x, 8, e.note(), styles);
                date(x, 9, e.originalAt(), styles);
                text(x, 10, e.reason(), styles);
            }
            finish(timeline, header.size(), row, new int[]{20, 16, 18, 70, 24, 8, 20, 8, 40, 20, 50});

            SXSSFSheet metrics = book.createSheet("Metrics");
            header(metrics, List.of("Metric or moment", "Seconds", "Readable", "At (UTC)"), styles);
            Timeline.Metrics m = r.timeline().metrics();
            row = 1;
            row = metric(metrics, row, "Time to detect", m.timeToDetectSeconds(), styles);
            row = metric(metrics, row, "Time to acknowledge", m.timeToAcknowledgeSeconds(), styles);
            row = metric(metrics, row, "Time to first communication", m.timeToFirstCommsSeconds(), styles);
            row = metric(metrics, row, "Time to mitigate", m.timeToMitigateSeconds(), styles);
            row = metric(metrics, row, "Time to resolve", m.timeToResolveSeconds(), styles);
            for (Timeline.Moment moment : r.timeline().moments()) {
                Row x = metrics.createRow(row++);
                text(x, 0, moment.kind().name(), styles);
                date(x, 3, moment.at(), styles);
            }
            finish(metrics, 4, row, new int[]{30, 12, 16, 20});

            SXSSFSheet actions = book.createSheet("Action items");
            List<String> actionHeader = List.of("ID", "Action", "Owner", "Team", "Type", "Priority", "Due", "Status",
                    "Tracker", "Lesson");
            header(actions, actionHeader, styles);
            row = 1;
            for (ActionItem a : r.actions()) {
                Row x = actions.createRow(row++);
                x.createCell(0).setCellValue(a.id());
                text(x, 1, a.title(), styles);
                text(x, 2, a.owner(), styles);
                text(x, 3, a.team(), styles);
                text(x, 4, a.type().name(), styles);
                text(x, 5, a.priority().name(), styles);
                if (a.dueDate() != null) {
                    Cell c = x.createCell(6);
                    c.setCellValue(a.dueDate());
                    c.setCellStyle(styles.day);
                }
                text(x, 7, a.status().name(), styles);
                text(x, 8, a.trackerKey(), styles);
                text(x, 9, a.lesson(), styles);
            }
            finish(actions, actionHeader.size(), row, new int[]{6, 60, 16, 16, 12, 9, 12, 12, 12, 60});

            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XLSX", e);
        }
    }

    private static int metric(SXSSFSheet sheet, int row, String name, @Nullable Long seconds, Styles styles) {
        Row x = sheet.createRow(row);
        text(x, 0, name, styles);
        if (seconds != null) {
            x.createCell(1).setCellValue(seconds);
        }
        text(x, 2, DraftWriter.duration(seconds), styles);
        return row + 1;
    }

    static void header(SXSSFSheet sheet, List<String> names, Styles styles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(names.get(i));
            c.setCellStyle(styles.header);
        }
    }

    static void finish(SXSSFSheet sheet, int columns, int rows, int[] widths) {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, columns - 1));
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    static void text(Row row, int column, @Nullable String value, Styles styles) {
        if (value == null || value.isEmpty()) {
            return;
        }
        Cell c = row.createCell(column);
        c.setCellValue(value.length() > MAX_CELL ? value.substring(0, MAX_CELL - 1) + "…" : value);
        if (CellText.dangerous(value)) {
            c.setCellStyle(styles.quoted);
        }
    }

    private static void date(Row row, int column, @Nullable Instant at, Styles styles) {
        if (at == null) {
            return;
        }
        Cell c = row.createCell(column);
        c.setCellValue(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        c.setCellStyle(styles.time);
    }

    static final class Styles {
        final CellStyle header;
        final CellStyle time;
        final CellStyle day;
        final CellStyle quoted;

        Styles(SXSSFWorkbook book) {
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            time = book.createCellStyle();
            time.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            day = book.createCellStyle();
            day.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            quoted = book.createCellStyle();
            quoted.setQuotePrefixed(true);
        }
    }
}
