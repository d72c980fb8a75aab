package dev.hindsight.ingest.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.webhooks.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of dead letter replays as the input it came from would have been imported: a line of a file, an entry of
 * an archive, one alert of a webhook body, a CSV row and an e-mail. Each is rejected on import; replayed unchanged it
 * is rejected for the same reason; once it is readable (here its kept bytes are corrected, as a fixed decoder would
 * read them) the replay gives exactly the events an import of the corrected input gives, with the same ids, times and
 * provider, and the letter keeps the incident of its import.
 */
class ReplayDecoderTests {

    @TempDir
    Path dir;

    private final ReplayDecoder replays = new ReplayDecoder(Fixtures.registry());

    @Test
    void aLineOfAFileKeepsTheDayItsLogNamedBeforeIt() throws Exception {
        String log = """
                --- Log opened Tue Aug 12 08:00:00 2014
                08:01 <maria> dc-east is dark
                --- Day changed Wed Aug 13 2014
                00:61 <sam> still dark after midnight
                """;
        ImportOptions berlin = options("INC-1").withZone(ZoneId.of("Europe/Berlin"));

        assertReplaysAsTheImportWould("ops.log", log, "00:61", "00:06", berlin);
    }

    @Test
    void anEntryOfAnArchiveIsOneAlertInsideItsNotification() throws Exception {
        Path zip = dir.resolve("bundle.zip");
        Fixtures.zip(zip, Map.of("alerts/am.json", alertmanager("2014-08-12T25:00:00Z")));
        DeadLetter letter = onlyLetter(importing(zip, options("INC-2")));
        assertThat(letter.origin()).startsWith("bundle.zip#alerts/am.json");

        Path fixed = dir.resolve("fixed/bundle.zip");
        Files.createDirectories(fixed.getParent());
        Fixtures.zip(fixed, Map.of("alerts/am.json", alertmanager("2014-08-12T12:00:00Z")));
        assertReplayed(letter, "2014-08-12T25:00:00Z", "2014-08-12T12:00:00Z", importing(fixed, options("INC-2")));
        assertThat(letter.replay().incidentKey()).isEqualTo("INC-2");
    }

    @Test
    void oneAlertOfAWebhookBodyReplaysInsideItsNotification() {
        InMemoryEventSink broken = new InMemoryEventSink();
        new Webhooks(Fixtures.registry(), broken).receive("alertmanager",
                utf8(alertmanager("2014-08-12T25:00:00Z")), "hook:request-1", null, Viewer.SYSTEM);
        DeadLetter letter = onlyLetter(broken);
        assertThat(letter.origin()).startsWith("hook:request-1");

        InMemoryEventSink fixed = new InMemoryEventSink();
        new Webhooks(Fixtures.registry(), fixed).receive("alertmanager", utf8(alertmanager("2014-08-12T12:00:00Z")),
                "hook:request-2", null, Viewer.SYSTEM);
        assertReplayed(letter, "2014-08-12T25:00:00Z", "2014-08-12T12:00:00Z", fixed);
    }

    @Test
    void aCsvRowIsReadUnderItsHeaderInTheZoneOfItsImport() throws Exception {
        String csv = """
                at,title,host,labels.team
                2014-08-12 08:20,dc-east unreachable,edge1,network
                2014-08-12 25:30,core routers reloaded,core1,network
                """;
        ImportOptions newYork = options("INC-3").withZone(ZoneId.of("America/New_York"));

        List<Event> replayed = assertReplaysAsTheImportWould("evidence.csv", csv, "25:30", "09:30", newYork);
        assertThat(replayed).singleElement().satisfies(e -> {
            assertThat(e.host()).isEqualTo("core1");
            assertThat(e.labels()).containsEntry("team", "network");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2014-08-12T13:30:00Z"));
        });
    }

    @Test
    void anEMailKeepsTheProviderItWasImportedAs() throws Exception {
        String mbox = """
                From noc@dc-provider.example Tue Aug 12 08:20:00 2014
                From: noc@dc-provider.example
                Subject: Ticket 884213 opened
                Date: Tue, 12 Aug 2014 04:20:00 -0400
                Message-ID: <tt-884213-open@dc-provider.example>

                We are investigating reports of packet loss.

                From noc@dc-provider.example Tue Aug 12 14:00:00 2014
                From: noc@dc-provider.example
                Subject: Ticket 884213 update
                Message-ID: <tt-884213-update-1@dc-provider.example>

                Core routers will be reloaded.
                """;
        ImportOptions provider = options("INC-4").withProvider("dc-provider");

        List<Event> replayed = assertReplaysAsTheImportWould("provider.mbox", mbox, "Subject: Ticket 884213 update",
                "Subject: Ticket 884213 update\nDate: Tue, 12 Aug 2014 10:00:00 -0400", provider);
        assertThat(replayed).singleElement().satisfies(e -> {
            assertThat(e.provider()).isTrue();
            assertThat(e.title()).isEqualTo("Ticket 884213 update");
        });
    }

    /** Imports {@code text} as {@code name}, replays its one letter broken and corrected, and compares. */
    private List<Event> assertReplaysAsTheImportWould(String name, String text, String broken, String fixed,
            ImportOptions options) throws Exception {
        Path file = dir.resolve("broken").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        DeadLetter letter = onlyLetter(importing(file, options));
        assertThat(letter.replay().incidentKey()).isEqualTo(options.incidentKey());

        Path corrected = dir.resolve("fixed").resolve(name);
        Files.createDirectories(corrected.getParent());
        Files.writeString(corrected, text.replace(broken, fixed));
        Files.setLastModifiedTime(corrected, Files.getLastModifiedTime(file));
        return assertReplayed(letter, broken, fixed, importing(corrected, options));
    }

    private List<Event> assertReplayed(DeadLetter letter, String broken, String fixed, InMemoryEventSink reference) {
        assertThat(replays.decode(stored(letter, letter.raw()))).isInstanceOfSatisfying(
                ReplayDecoder.StillRejected.class,
                still -> assertThat(fault(still.reason())).isEqualTo(fault(letter.reason())));

        byte[] corrected = utf8(new String(letter.raw(), StandardCharsets.UTF_8).replace(broken, fixed));
        assertThat(corrected).as("the kept bytes hold the broken value").isNotEqualTo(letter.raw());
        List<Event> replayed = ((ReplayDecoder.Decoded) replays.decode(stored(letter, corrected))).events();

        assertThat(replayed).isNotEmpty();
        assertThat(reference.deadLetters()).isEmpty();
        for (Event event : replayed) {
            assertThat(reference.events()).as("an import of the corrected input holds the replayed event")
                    .anySatisfy(imported -> {
                        assertThat(imported.id()).isEqualTo(event.id());
                        assertThat(imported.occurredAt()).isEqualTo(event.occurredAt());
                        assertThat(imported.title()).isEqualTo(event.title());
                        assertThat(imported.provider()).isEqualTo(event.provider());
                    });
        }
        return replayed;
    }

    private InMemoryEventSink importing(Path path, ImportOptions options) {
        InMemoryEventSink sink = new InMemoryEventSink();
        new FileImporter(sink, Fixtures.registry()).importPaths(List.of(path),
                options.namingRelativeTo(path.getParent()),
                Viewer.SYSTEM, ImportProgress.Listener.NONE);
        return sink;
    }

    private static DeadLetter onlyLetter(InMemoryEventSink sink) {
        assertThat(sink.deadLetters()).hasSize(1);
        return sink.deadLetters().getFirst();
    }

    /** The letter as the store hands it back. */
    private static DeadLetterStore.Letter stored(DeadLetter letter, byte[] raw) {
        return new DeadLetterStore.Letter(new DeadLetterStore.Summary(1, Instant.EPOCH, letter.format(),
                letter.origin(), letter.reason(), raw.length, false, letter.replay().incidentKey(), null), raw,
                letter.replay());
    }

    /** A reason without the record's number, which differs once the record is decoded on its own. */
    private static String fault(String reason) {
        return reason.replaceFirst("^((line|row|message) \\d+|\\w+\\[\\d+]): ", "");
    }

    private static ImportOptions options(String incident) {
        return new ImportOptions(incident, null, ZoneId.of("UTC"), null, null, ImportOptions.DEFAULT_BATCH, null);
    }

    private static String alertmanager(String secondStartsAt) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"PacketLoss\\"}","status":"firing","receiver":"hindsight",
                 "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                 "alerts":[
                  {"status":"firing","labels":{"alertname":"PacketLoss","instance":"edge1"},
                   "annotations":{"summary":"packet loss on edge1"},"startsAt":"2014-08-12T08:20:00Z",
                   "endsAt":"0001-01-01T00:00:00Z","fingerprint":"a1"},
                  {"status":"firing","labels":{"alertname":"PacketLoss","instance":"edge2"},
                   "annotations":{"summary":"packet loss on edge2"},"startsAt":"%s",
                   "endsAt":"0001-01-01T00:00:00Z","fingerprint":"a2"}]}
                """.replace("%s", secondStartsAt);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
