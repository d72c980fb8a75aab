package dev.hindsight.ingest.source.rfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.spi.DecodeContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real carrier maintenance and outage notices (circuit-maintenance-parser's test corpus: Apple, AquaComms, AT&T, AWS,
 * Cogent, Colt, Crown Castle, Equinix, euNetworks, GCX, Google, GTT, HGC, Lumen, Megaport, Momentum, Netflix, NTT,
 * PCCW, Seaborn, Sparkle, Tata, Telstra, Turkcell, Verizon, Windstream, Zayo) read for the window they state and their
 * ticket, against what a careful reader takes from each ({@code expected.csv}); and mail fixtures that state no window
 * read as stating none.
 */
class RfoRealNoticesTests {

    private static final Path NOTICES = Fixtures.resource("realfiles/rfo-email");

    @Test
    void everyNoticeStatesTheWindowAndTicketACarefulReaderTakesFromIt() throws Exception {
        List<String> wrong = new ArrayList<>();
        int notices = 0;
        for (String row : Files.readAllLines(NOTICES.resolve("expected.csv"))) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] c = Arrays.copyOf(row.split(",", -1), 5);
            notices++;
            Map<String, String> labels;
            try {
                labels = read(c[0], c[4]);
            } catch (dev.hindsight.ingest.spi.SourceDataException e) {
                if (!(c[1] + c[2] + c[3]).isEmpty()) { // a mail that states nothing may be refused (no Date)
                    wrong.add(c[0] + ": not read: " + e.getMessage());
                }
                continue;
            }
            check(wrong, c[0], "start", c[1], labels.get("stated.impactStart"));
            check(wrong, c[0], "end", c[2], labels.get("stated.impactEnd"));
            String ticket = labels.get("ticket");
            if (!c[3].isEmpty() ? ticket == null || !List.of(c[3].split("\\|")).contains(ticket) : false) {
                wrong.add(c[0] + " ticket: expected " + c[3] + ", read " + ticket);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "RFO corpus: %d notices, %d readings wrong%n%s%n", notices,
                wrong.size(), String.join("\n", wrong));
        assertThat(wrong).isEmpty();
    }

    private static void check(List<String> wrong, String file, String what, String expected, String read) {
        if (!expected.isEmpty() && !expected.equals(read)
                || expected.isEmpty() && read != null && file.startsWith("m")) {
            wrong.add(file + " " + what + ": expected " + (expected.isEmpty() ? "none" : expected) + ", read " + read);
        }
    }

    /** A notice as the decoder reads it: an e-mail whole; an HTML body or a calendar entry as its text. */
    private static Map<String, String> read(String file, String subjectFile) throws Exception {
        byte[] bytes = Files.readAllBytes(NOTICES.resolve(file));
        if (file.endsWith(".eml")) {
            Event notice = RfoEmailDecoder.decodeMessage(bytes, file, DecodeContext.utc()).event();
            return notice.labels();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (file.endsWith(".html")) {
            text = HtmlText.of(text);
        }
        String subject = subjectFile == null || subjectFile.isEmpty()
                ? null
                : Files.readString(NOTICES.resolve(subjectFile)).strip();
        return StatedTimes.find(text, subject, null, ZoneOffset.UTC, LocalDate.of(2021, 2, 1)).labels();
    }
}
