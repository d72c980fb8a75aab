package dev.hindsight.reporting.internal;

import dev.hindsight.core.text.Texts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * What every spreadsheet Hindsight writes shares: bold headers, frozen and filtered; real dates (UTC); text that a
 * spreadsheet would take for a formula stored quote-prefixed, shown as written and never evaluated.
 */
public final class Sheets {

    /** Longest text a cell holds. */
    public static final int MAX_CELL = 32_767;
    /** Rows SXSSF keeps in memory before it flushes them. */
    public static final int WINDOW = 200;

    private Sheets() {}

    public static void header(SXSSFSheet sheet, List<String> names, Styles styles) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(names.get(i));
            c.setCellStyle(styles.header);
        }
    }

    public static void finish(SXSSFSheet sheet, int columns, int rows, int[] widths) {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, columns - 1));
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        // printed, it reads as on screen: landscape, as wide as the page, the header on every page, pages numbered
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.setRepeatingRows(new CellRangeAddress(0, 0, 0, columns - 1));
        sheet.getFooter().setCenter(sheet.getSheetName() + " \u2013 page &P of &N");
    }

    public static void text(Row row, int column, @Nullable String value, Styles styles) {
        if (value == null || value.isEmpty()) {
            return;
        }
        Cell c = row.createCell(column);
        c.setCellValue(Texts.clip(value, MAX_CELL));
        if (CellText.dangerous(value)) {
            c.setCellStyle(styles.quoted);
        }
    }

    public static void date(Row row, int column, @Nullable Instant at, Styles styles) {
        if (at == null) {
            return;
        }
        Cell c = row.createCell(column);
        c.setCellValue(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        c.setCellStyle(styles.time);
    }

    public static final class Styles {
        public final CellStyle header;
        public final CellStyle time;
        public final CellStyle day;
        public final CellStyle quoted;

        public Styles(SXSSFWorkbook book) {
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
