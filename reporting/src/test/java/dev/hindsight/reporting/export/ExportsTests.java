package dev.hindsight.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionFeeds;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.postmortem.DraftWriter;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VToDo;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

/** Every export is read back with the library a user's tool would use, and its content checked. */
class ExportsTests {

    static final Instant T0 = Instant.parse("2014-08-12T07:50:00Z");
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String SCRIPT = "<script>alert('x')</script> logout errors";

    final Report report = report();

    static Report report() {
        IncidentSummary incident = new IncidentSummary("LP-TEST", "Data center network failure", Severity.SEV1,
                IncidentStatus.RESOLVED,
                T0, T0.plusSeconds(17 * 3600), null, "joe", false, java.util.Set.of());
        List<Timeline.Entry> entries = new ArrayList<>();
        entries.add(new Timeline.Entry("ev_1", T0, "nagios", EventKind.ALERT_FIRING,
                "PING CRITICAL lb1 packet loss 60%", "s1", 3,
                T0.plusSeconds(600), "attached", null, false, null, true, "first sign", null));
        entries.add(new Timeline.Entry("ev_2", T0.plusSeconds(432), "pagerduty", EventKind.PAGE_ACKNOWLEDGED,
                "Acknowledged by Joe", "s1", 1,
                null, "attached", "joe", false, null));
        entries.add(new Timeline.Entry("ev_3", T0.plusSeconds(3 * 3600), "irc", EventKind.CHAT_MESSAGE, SCRIPT, "s2", 1,
                null, "attached",
                "amy", false, null));
        entries.add(new Timeline.Entry("ev_4", T0.plusSeconds(4 * 3600), "irc", EventKind.CHAT_MESSAGE, FORMULA, "s2",
                1, null, "attached",
                "eve", false, null));
        entries.add(new Timeline.Entry("ev_5", T0.plusSeconds(7 * 3600), "statuspage", EventKind.STATUS_UPDATE,
                "Investigating: login issues",
                "comms", 1, null, "attached", null, false, null));
        Timeline timeline = new Timeline(
                new Timeline.Incident("LP-TEST", incident.title(), incident.from(), incident.to()),
                List.of(new Timeline.Moment(Timeline.MomentKind.IMPACT_START, T0, "ev_1"),
                        new Timeline.Moment(Timeline.MomentKind.DETECTED, T0, "ev_1"),
                        new Timeline.Moment(Timeline.MomentKind.ACKNOWLEDGED, T0.plusSeconds(432), "ev_2"),
                        new Timeline.Moment(Timeline.MomentKind.RESOLVED, T0.plusSeconds(17 * 3600), "ev_5")),
                new Timeline.Metrics(0L, 432L, 25200L, null, 61200L), entries,
                List.of(new Timeline.Storyline("s1", "dc-east (lb1)", T0, T0.plusSeconds(600), 2, "shares site"),
                        new Timeline.Storyline("s2", "Team chat", T0.plusSeconds(3 * 3600), T0.plusSeconds(4 * 3600), 2,
                                "chat"),
                        new Timeline.Storyline("comms", "Status page", T0.plusSeconds(7 * 3600),
                                T0.plusSeconds(7 * 3600), 1, "own status")),
                List.of(new Timeline.Finding(Timeline.FindingType.COMMS_GAP, "7 h without a status update", null,
                        null)));
        Map<Section, String> sections = new EnumMap<>(DraftWriter.draft(incident, timeline));
        sections.put(Section.LESSONS, "- Host the status page outside our network\n- Check port speed in monitoring");
        PostMortem pm = new PostMortem("LP-TEST", ReviewStatus.PUBLISHED, 3, sections, T0.plusSeconds(86400), "joe",
                T0.plusSeconds(86400), null);
        List<ActionItem> actions = List.of(
                new ActionItem(1, "LP-TEST", "Move the status page off our network",
                        "Host the status page outside our network", "joe", "sre",
                        ActionItem.Type.MITIGATE, ActionItem.Priority.P1, LocalDate.parse("2014-09-01"),
                        ActionItem.Status.DONE, "OPS-12",
                        T0, T0, T0.plusSeconds(86400 * 10), T0, null),
                new ActionItem(2, "LP-TEST", FORMULA, null, null, "net", ActionItem.Type.DETECT, ActionItem.Priority.P2,
                        LocalDate.parse("2014-10-01"), ActionItem.Status.OPEN, null, T0, T0, null, null, null));
        return new Report(incident, timeline, pm, actions, ZoneId.of("America/New_York"), T0.plusSeconds(2 * 86400));
    }

    @Test
    void markdownHasEverySectionMetricsActionsAndEscapedSourceText() {
        String md = MarkdownReport.render(report);
        assertThat(md).contains("# Post-mortem: Data center network failure", "## Root cause", "## Lessons learned",
                "| Time to acknowledge | 7 min 12 s |",
                "| 1 | Move the status page off our network | joe | sre | mitigate | P1 | 2014-09-01 | DONE |",
                "2014-08-12 03:50:00 EDT", "★ PING CRITICAL lb1 packet loss 60% ×3");
        assertThat(md).contains("\\<script\\>").doesNotContain("<script>");
    }

    @Test
    void htmlIsSelfContainedAndNeverCarriesScriptFromSources() {
        String html = HtmlReport.render(report);
        assertThat(html).contains("<h2>Summary</h2>", "<table>", "<td>Time to resolve</td>", "&lt;script&gt;")
                .doesNotContain("<script", "<a ", "src=\"http")
                .contains("src=\"data:image/png;base64,");
    }

    @Test
    void pdfReadsBackWithTheSameContent() throws Exception {
        byte[] pdf = PdfReport.render(report);
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(text).contains("Post-mortem: Data center network failure", "Time to detect", "Lessons learned",
                    "Move the status page off our network", "<script>alert('x')</script> logout errors");
        }
    }

    @Test
    void docxHasRealHeadingsTablesAndTheChart() throws Exception {
        try (var doc = new XWPFDocument(new ByteArrayInputStream(DocxReport.render(report)))) {
            List<String> headings = doc.getParagraphs().stream().filter(p -> "Heading1".equals(p.getStyle()))
                    .map(XWPFParagraph::getText).toList();
            assertThat(headings).containsSubsequence("Summary", "Impact", "Response metrics", "Root cause",
                    "Lessons learned", "Action items", "Timeline");
            assertThat(doc.getStyles().getStyle("Heading1").getCTStyle().getPPr().getOutlineLvl().getVal().intValue())
                    .isZero();
            XWPFTable metrics = doc.getTables().getFirst();
            assertThat(metrics.getRow(2).getCell(0).getText()).isEqualTo("Time to acknowledge");
            assertThat(metrics.getRow(2).getCell(1).getText()).isEqualTo("7 min 12 s");
            assertThat(doc.getTables())
                    .anySatisfy(t -> assertThat(t.getText()).contains("Move the status page off our network", "done"));
            assertThat(doc.getAllPictures()).hasSize(1);
            assertThat(doc.getParagraphs().stream().map(XWPFParagraph::getText))
                    .contains("• Host the status page outside our network");
        }
    }

    @Test
    void xlsxHasDatesFrozenHeadersFiltersAndNeutralisedFormulas() throws Exception {
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(XlsxReport.render(report)))) {
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2)))
                    .containsExactly("Timeline", "Metrics", "Action items");
            XSSFSheet timeline = book.getSheet("Timeline");
            assertThat(timeline.getPaneInformation().isFreezePane()).isTrue();
            assertThat(timeline.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:K6");
            Cell at = timeline.getRow(1).getCell(0);
            assertThat(DateUtil.isCellDateFormatted(at)).isTrue();
            assertThat(at.getLocalDateTimeCellValue()).isEqualTo("2014-08-12T07:50:00");
            Cell formula = timeline.getRow(4).getCell(3);
            assertThat(formula.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo(FORMULA);
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(timeline.getRow(1).getCell(3).getCellStyle().getQuotePrefixed()).isFalse();
            XSSFSheet actions = book.getSheet("Action items");
            assertThat(actions.getRow(2).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(actions.getRow(1).getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo("2014-09-01");
            assertThat(book.getSheet("Metrics").getRow(2).getCell(1).getNumericCellValue()).isEqualTo(432);
        }
    }

    @Test
    void actionFeedsParseBackAndNeutraliseFormulas() throws Exception {
        String csv = ActionFeeds.csv(report.actions());
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("id,incident,title,owner,team,type,priority,due,status,tracker,lesson");
        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
        String jira = ActionFeeds.jiraCsv(report.actions());
        assertThat(jira.lines().findFirst().orElseThrow())
                .isEqualTo("Summary,Description,Issue Type,Priority,Assignee,Due Date,Labels");
        assertThat(jira).contains("Move the status page off our network", "Task,Highest,joe,01/Sep/14");

        String ics = ActionFeeds.ics(report.actions(), T0);
        var calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VToDo> todos = calendar.getComponents("VTODO");
        assertThat(todos).hasSize(2);
        assertThat(ics).contains("DUE;VALUE=DATE:20140901", "STATUS:COMPLETED", "STATUS:NEEDS-ACTION",
                "UID:action-item-1@hindsight");
    }

    @Test
    void theDraftSpeaksInPlainSentencesFromTheTimeline() {
        Map<Section, String> draft = DraftWriter.draft(report.incident(), report.timeline());
        assertThat(draft.get(Section.SUMMARY)).contains("lasted 17 h", "acknowledged 7 min 12 s later",
                "first own status update came 7 h after detection");
        assertThat(draft.get(Section.CONTRIBUTING)).contains("Communication gap: 7 h without a status update");
        assertThat(draft.get(Section.WENT_WELL)).contains("acknowledged the page within 7 min 12 s");
        assertThat(draft.get(Section.WENT_BADLY)).contains("Users heard from us 7 h after detection");
        assertThat(new String(Exporter.export(report, ExportFormat.MD), StandardCharsets.UTF_8))
                .isEqualTo(MarkdownReport.render(report));
    }
}
