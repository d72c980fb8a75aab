package dev.hindsight.reporting.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hindsight.reporting.internal.CellText;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Action item text is typed by people and pasted from chat, so it is hostile input for the CSV feeds: whatever the
 * title, owner and lesson, the CSV parses back to the same number of cells, each cell is the text itself (with the
 * apostrophe spreadsheet programs read as "text" when it would start a formula), and no cell starts a formula.
 */
class ActionFeedsFuzzTests {

    @FuzzTest(maxDuration = "30s")
    void csvCellsRoundTripAndNeverStartAFormula(FuzzedDataProvider data) {
        String title = data.consumeString(300);
        String owner = data.consumeString(60);
        String lesson = data.consumeRemainingAsString();
        ActionItem item = new ActionItem(7, "INC-1", title, lesson, owner.isEmpty() ? null : owner, "sre",
                ActionItem.Type.PREVENT,
                ActionItem.Priority.P2, LocalDate.of(2014, 9, 1), ActionItem.Status.OPEN, null, Instant.EPOCH,
                Instant.EPOCH, null, null, null);

        CSVRecord row = onlyRow(ActionFeeds.csv(List.of(item)), ActionFeeds.CSV_HEADER.length);
        assertThat(row.get("title")).isEqualTo(CellText.forCsv(title));
        assertThat(row.get("lesson")).isEqualTo(CellText.forCsv(lesson));
        assertThat(row.get("owner")).isEqualTo(CellText.forCsv(owner));
        for (String cell : row.values()) {
            assertThat(CellText.dangerous(cell)).as("cell %s", cell).isFalse();
        }

        CSVRecord jira = onlyRow(ActionFeeds.jiraCsv(List.of(item)), ActionFeeds.JIRA_HEADER.length);
        assertThat(jira.get("Summary")).isEqualTo(CellText.forCsv(title));
        for (String cell : jira.values()) {
            assertThat(CellText.dangerous(cell)).as("cell %s", cell).isFalse();
        }
    }

    private static CSVRecord onlyRow(String csv, int columns) {
        try {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv)).getRecords();
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().size()).isEqualTo(columns);
            return rows.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
