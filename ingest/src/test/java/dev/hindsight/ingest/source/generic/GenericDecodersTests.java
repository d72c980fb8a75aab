package dev.hindsight.ingest.source.generic;

import dev.hindsight.ingest.spi.Envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericDecodersTests {

    /** What a decoder reported, in order. */
    static final class Recorded implements RecordSink {
        final List<Event> events = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void event(Event event) {
            events.add(event);
        }

        @Override
        public void skipped(String position, String reason) {
            skipped.add(position + ": " + reason);
        }

        @Override
        public void rejected(String position, String reason, byte[] raw, Envelope envelope) {
            rejected.add(position + " | " + reason);
        }
    }

    static Recorded decode(FormatDecoder decoder, String name, String content, DecodeContext context) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Recorded out = new Recorded();
        decoder.decode(new SourceFile(name, bytes.length, Instant.EPOCH, () -> new ByteArrayInputStream(bytes)),
                context, out);
        return out;
    }

    static final String JSONL = """
            {"at":"2014-08-12T03:50:00-04:00","title":"Latency and packet loss","source":"nagios","kind":"alert_firing","host":"lb1","labels":{"dc":"east","port":1000}}
            {"at":"2014-08-12T07:54:00Z","title":"Paged two operators","id":"pd-1","kind":"PAGE_TRIGGERED"}

            {"at":"2014-08-12 04:00:00","title":"Called the provider"}
            {"at":"2014-08-12T08:00:00Z"}
            {"at":"2014-08-12T08:00:00Z","title":"x","kind":"EXPLOSION"}
            [1,2,3]
            {"at":"1970-01-01T00:00:00Z","title":"zero date"}
            {"at":"2014-08-12T08:00:00Z","title":{"nested":true}}
            {"at":"2014-08-12T08:00:00Z","title":"truncated
            """;

    @Test
    void jsonlMapsTheGenericFieldsAndRejectsEachBadLineWithItsReason() throws Exception {
        Recorded out = decode(new JsonlDecoder(), "feed.jsonl", JSONL,
                new DecodeContext(ZoneId.of("America/New_York"), null, null));

        assertThat(out.events).hasSize(3);
        Event alert = out.events.get(0);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:50:00Z"));
        assertThat(alert.originalTime()).isEqualTo("2014-08-12T03:50:00-04:00");
        assertThat(alert.zoneAssumed()).isFalse();
        assertThat(alert.source()).isEqualTo("nagios");
        assertThat(alert.kind()).isEqualTo(EventKind.ALERT_FIRING);
        assertThat(alert.labels()).containsEntry("dc", "east").containsEntry("port", "1000");
        assertThat(out.events.get(1).dedupKey()).isEqualTo("pd-1");
        Event local = out.events.get(2);
        assertThat(local.source()).isEqualTo("jsonl");
        assertThat(local.kind()).isEqualTo(EventKind.NOTE);
        assertThat(local.occurredAt()).isEqualTo(Instant.parse("2014-08-12T08:00:00Z"));
        assertThat(local.zoneAssumed()).isTrue();
        assertThat(local.originalZone()).isEqualTo("America/New_York");

        assertThat(out.rejected).containsExactly(
                "feed.jsonl#5 | line 5: field 'title' is required",
                "feed.jsonl#6 | line 6: field 'kind' is 'EXPLOSION', not one of "
                        + java.util.Arrays.toString(EventKind.values()),
                "feed.jsonl#7 | line 7: expected a JSON object, found ARRAY",
                "feed.jsonl#8 | line 8: timestamp '1970-01-01T00:00:00Z' is outside the plausible range 1990-2100",
                "feed.jsonl#9 | line 9: field 'title' must be a string, found OBJECT",
                out.rejected.get(5));
        assertThat(out.rejected.get(5)).startsWith("feed.jsonl#10 | line 10: not valid JSON");
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedWithoutStoppingTheFile() throws Exception {
        String huge = "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"" + "x".repeat(JsonlDecoder.MAX_LINE) + "\"}";
        Recorded out = decode(new JsonlDecoder(), "big.jsonl",
                huge + "\n{\"at\":\"2014-08-12T08:01:00Z\",\"title\":\"after\"}\n", DecodeContext.utc());

        assertThat(out.rejected).singleElement().asString().contains("big.jsonl#1").contains("the limit is");
        assertThat(out.events).extracting(Event::title).containsExactly("after");
    }

    @Test
    void identicalRecordsWithoutIdShareTheirHashKeySoReimportDedups() throws Exception {
        String line = "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"same\"}\n";
        Recorded first = decode(new JsonlDecoder(), "a.jsonl", line, DecodeContext.utc());
        Recorded second = decode(new JsonlDecoder(), "b.jsonl", line, DecodeContext.utc());

        assertThat(first.events.get(0).id()).isEqualTo(second.events.get(0).id());
    }

    @Test
    void csvReadsTheSameMappingWithLabelColumns() throws Exception {
        String csv = """
                at,title,kind,host,labels.dc,labels.team,text
                2014-08-12T08:15:00Z,Intermittent connectivity at dc-west,ALERT_FIRING,web3,west,ops,"saturated, 100Mbps"
                2014-08-12T08:30:00Z,,CHAT_MESSAGE,,,,no title here
                not-a-time,Broken,NOTE,,,,
                2014-08-12T08:31:00Z,Too short
                """;
        Recorded out = decode(new CsvDecoder(), "alerts.csv", csv, DecodeContext.utc());

        assertThat(out.events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("csv");
            assertThat(e.kind()).isEqualTo(EventKind.ALERT_FIRING);
            assertThat(e.labels()).containsEntry("dc", "west").containsEntry("team", "ops");
            assertThat(e.text()).isEqualTo("saturated, 100Mbps");
        });
        assertThat(out.rejected).containsExactly(
                "alerts.csv#2 | row 2: field 'title' is required",
                "alerts.csv#3 | row 3: field 'at' is not an ISO-8601 time: 'not-a-time'",
                "alerts.csv#4 | row 4: has 2 values but the header has 7");
    }

    @Test
    void providerRecordsAreMarkedAsTheProvidersStatements() throws Exception {
        Recorded out = decode(new JsonlDecoder(), "rfo.jsonl", "{\"at\":\"2014-08-12T14:00:00Z\",\"title\":\"RFO\"}",
                new DecodeContext(ZoneId.of("UTC"), null, "dc-provider"));

        assertThat(out.events.get(0).provider()).isTrue();
        assertThat(out.events.get(0).labels()).containsEntry("provider", "dc-provider");
    }

    @Test
    void detectionPrefersTheMatchingFormat() {
        byte[] jsonHead = "{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"x\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new JsonlDecoder().confidence("events.txt", jsonHead)).isPositive();
        assertThat(new JsonlDecoder().confidence("page.html", "<html>".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(new CsvDecoder().confidence("events.csv", "at,title\n".getBytes(StandardCharsets.UTF_8)))
                .isPositive();
        assertThat(new CsvDecoder().confidence("events.jsonl", jsonHead)).isZero();
    }
}
