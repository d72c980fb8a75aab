package dev.hindsight.reporting.analytics;

import dev.hindsight.reporting.internal.Sheets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

/** The dashboard's numbers as a spreadsheet: one sheet per chart, with the same care as the post-mortem XLSX. */
final class DashboardXlsx {

    private DashboardXlsx() {}

    public static byte[] render(Dashboard d) {
        try (SXSSFWorkbook book = new SXSSFWorkbook(Sheets.WINDOW);
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheets.Styles styles = new Sheets.Styles(book);
            SXSSFSheet times = book.createSheet("Response times");
            List<String> header = List.of("Incident", "Title", "Severity", "Started (UTC)", "TTD s", "TTA s", "TTM s",
                    "TTR s", "Action items", "Closed");
            Sheets.header(times, header, styles);
            int row = 1;
            for (Dashboard.IncidentRow r : d.incidents()) {
                Row x = times.createRow(row++);
                Sheets.text(x, 0, r.key(), styles);
                Sheets.text(x, 1, r.title(), styles);
                Sheets.text(x, 2, r.severity(), styles);
                Cell at = x.createCell(3);
                at.setCellValue(LocalDateTime.ofInstant(r.from(), ZoneOffset.UTC));
                at.setCellStyle(styles.time);
                number(x, 4, r.ttd());
                number(x, 5, r.tta());
                number(x, 6, r.ttm());
                number(x, 7, r.ttr());
                number(x, 8, (long) r.actions());
                number(x, 9, (long) r.actionsClosed());
            }
            Sheets.finish(times, header.size(), row, new int[]{18, 50, 9, 20, 9, 9, 9, 9, 12, 9});

            SXSSFSheet teams = book.createSheet("Action items by team");
            List<String> teamHeader = List.of("Team", "Items", "Closed", "Completion %", "Overdue",
                    "Mean open age (days)");
            Sheets.header(teams, teamHeader, styles);
            row = 1;
            for (Dashboard.TeamRow t : d.teams()) {
                Row x = teams.createRow(row++);
                Sheets.text(x, 0, t.team(), styles);
                number(x, 1, (long) t.total());
                number(x, 2, (long) t.closed());
                number(x, 3, (long) t.completionPercent());
                number(x, 4, (long) t.overdue());
                x.createCell(5).setCellValue(t.meanOpenAgeDays());
            }
            Sheets.finish(teams, teamHeader.size(), row, new int[]{20, 8, 8, 14, 9, 20});

            SXSSFSheet providers = book.createSheet("Providers");
            List<String> providerHeader = List.of("Provider", "Incidents", "Impact (s)", "Notices", "Discrepancies",
                    "Claims vs our evidence");
            Sheets.header(providers, providerHeader, styles);
            row = 1;
            for (Dashboard.ProviderRow p : d.providers()) {
                Row x = providers.createRow(row++);
                Sheets.text(x, 0, p.provider(), styles);
                number(x, 1, (long) p.incidents());
                number(x, 2, p.impactSeconds());
                number(x, 3, (long) p.notices());
                number(x, 4, (long) p.discrepancies());
                Sheets.text(x, 5, String.join("\n", p.claims()), styles);
            }
            Sheets.finish(providers, providerHeader.size(), row, new int[]{20, 10, 12, 9, 13, 90});

            SXSSFSheet counts = book.createSheet("Incidents by");
            Sheets.header(counts, List.of("Dimension", "Value", "Incidents"), styles);
            row = 1;
            Map<String, Map<String, Long>> dimensions = new LinkedHashMap<>();
            dimensions.put("severity", d.bySeverity());
            dimensions.put("service", d.byService());
            dimensions.put("team", d.byTeam());
            dimensions.put("cause", d.byCause());
            for (var dimension : dimensions.entrySet()) {
                for (var e : dimension.getValue().entrySet()) {
                    Row x = counts.createRow(row++);
                    Sheets.text(x, 0, dimension.getKey(), styles);
                    Sheets.text(x, 1, e.getKey(), styles);
                    number(x, 2, e.getValue());
                }
            }
            Sheets.finish(counts, 3, row, new int[]{12, 50, 10});
            trends(book.createSheet("Trend by month"), d.monthly(), styles);
            trends(book.createSheet("Trend by quarter"), d.quarterly(), styles);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard XLSX", e);
        }
    }

    /** Median and p90 of each response time per period and group, in minutes as a manager reads them. */
    private static void trends(SXSSFSheet sheet, Trends trends, Sheets.Styles styles) {
        List<String> header = List.of(trends.period().equals("quarter") ? "Quarter" : "Month", "By", "Group",
                "Incidents", "TTD median min", "TTD p90 min", "TTA median min", "TTA p90 min", "TTM median min",
                "TTM p90 min", "TTR median min", "TTR p90 min");
        Sheets.header(sheet, header, styles);
        int row = 1;
        for (Trends.Row r : trends.rows()) {
            Row x = sheet.createRow(row++);
            Sheets.text(x, 0, r.period(), styles);
            Sheets.text(x, 1, r.dimension(), styles);
            Sheets.text(x, 2, r.value(), styles);
            number(x, 3, (long) r.incidents());
            int column = 4;
            for (Trends.Stat stat : List.of(r.ttd(), r.tta(), r.ttm(), r.ttr())) {
                minutes(x, column++, stat.median());
                minutes(x, column++, stat.p90());
            }
        }
        Sheets.finish(sheet, header.size(), row, new int[]{10, 10, 30, 10, 12, 12, 12, 12, 12, 12, 12, 12});
    }

    private static void minutes(Row row, int column, @Nullable Long seconds) {
        if (seconds != null) {
            row.createCell(column).setCellValue(Math.round(seconds / 6.0) / 10.0);
        }
    }

    private static void number(Row row, int column, @Nullable Long value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }
}
