package dev.hindsight.ingest.source;

import dev.hindsight.core.incident.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest issue's acceptance: a folder holding one file of each format imports in one call with correct kinds,
 * UTC times and attribution; importing it again gives only duplicates.
 */
class EveryFormatImportTests {

    @TempDir
    Path dir;

    private final InMemoryEventSink sink = new InMemoryEventSink();
    private final FileImporter importer = new FileImporter(sink, Fixtures.registry());
    private ImportReport first;

    @BeforeEach
    void importEveryFormat() throws Exception {
        Fixtures.copy("formats", dir);
        Fixtures.slackExport(dir.resolve("slack-export.zip"));
        Fixtures.rfoPdf(dir.resolve("rfo-884213.pdf"), List.of("Reason For Outage - dc-east", "Ticket Number: 884213",
                "Event Start: 2014-08-12 08:10 GMT", "Service Restored: August 12, 2014 4:15 PM EDT",
                "Root Cause: BGP table overflow"));
        Files.writeString(dir.resolve("notes.jsonl"),
                "{\"at\":\"2014-08-12T08:00:00-04:00\",\"title\":\"Called the provider\",\"actor\":\"maria\"}\n");
        Files.writeString(dir.resolve("changes.csv"),
                "at,title,kind,host\n2014-08-12T12:00:00Z,Added three spare machines,CHANGE,web7\n");
        first = importer.importPaths(List.of(dir),
                new ImportOptions(null, null, ZoneId.of("America/New_York"), null, null, 500, null), Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);
    }

    private List<Event> of(String source) {
        return sink.events().stream().filter(e -> e.source().equals(source)).toList();
    }

    private static Map<EventKind, Long> kinds(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::kind, Collectors.counting()));
    }

    private static Event titled(List<Event> events, String start) {
        return events.stream().filter(e -> e.title().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no event titled '" + start + "' in " + events.stream().map(Event::title).toList()));
    }

    @Test
    void everyFormatIsReadInOneImportAndEveryRecordIsAccountedFor() {
        assertThat(first.rejections()).extracting(ImportReport.Rejection::reason)
                .containsExactly("ops/2014-08-12.json: entry 4: field ts is not a Slack timestamp: 'yesterday'");
        assertThat(first.accepted() + first.duplicates() + first.skipped() + first.rejected())
                .isEqualTo(first.received());
        Map<String, Long> sources = sink.events().stream()
                .collect(Collectors.groupingBy(Event::source, Collectors.counting()));
        assertThat(sources).containsOnlyKeys("alertmanager", "grafana", "pagerduty", "opsgenie", "statuspage", "teams",
                "mattermost", "irc", "syslog", "nagios", "rfo-email", "rfo-pdf", "slack", "jsonl", "csv");
        assertThat(first.accepted()).isEqualTo(sink.events().size());
    }

    @Test
    void aSecondImportOfTheSameFolderGivesOnlyDuplicates() {
        ImportReport again = importer.importPaths(List.of(dir),
                new ImportOptions(null, null, ZoneId.of("America/New_York"), null, null, 500, null), Viewer.LOCAL_ADMIN,
                ImportProgress.Listener.NONE);

        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(first.accepted());
        assertThat(again.skipped()).isEqualTo(first.skipped());
    }

    @Test
    void alertsFireAtStartsAtAndResolveAtEndsAtInUtc() {
        List<Event> am = of("alertmanager");
        Event firing = titled(am, "Packet loss above 30%");
        assertThat(firing.kind()).isEqualTo(EventKind.ALERT_FIRING);
        assertThat(firing.occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:50:12.511Z"));
        assertThat(firing.host()).isEqualTo("edge1.dc-east.example.net");
        assertThat(firing.location()).isEqualTo("dc-east");
        assertThat(firing.severity()).isEqualTo("critical");
        assertThat(firing.labels()).containsEntry("fingerprint", "7c1e2f7a9d3b4c10");
        Event resolved = titled(am, "Resolved: p99 latency");
        assertThat(resolved.kind()).isEqualTo(EventKind.ALERT_RESOLVED);
        assertThat(resolved.occurredAt()).isEqualTo(Instant.parse("2014-08-12T16:47:30Z"));

        Event grafana = of("grafana").get(0);
        assertThat(grafana.occurredAt()).isEqualTo(Instant.parse("2014-08-12T13:30:04.157076Z"));
        assertThat(grafana.text()).contains("values: B=99.7");
        assertThat(grafana.links()).contains("https://runbooks.example.net/saturation");
    }

    @Test
    void pagesMapEveryLogEntryTypeIncludingBothAcknowledgementSpellings() {
        assertThat(kinds(of("pagerduty"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                EventKind.PAGE_TRIGGERED, 1L, EventKind.PAGE_NOTIFIED, 1L, EventKind.PAGE_ACKNOWLEDGED, 2L,
                EventKind.PAGE_ESCALATED, 1L, EventKind.PAGE_NOTE, 1L, EventKind.PAGE_RESOLVED, 1L));
        Event trigger = titled(of("pagerduty"), "[#4711]");
        assertThat(trigger.occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:54:05Z"));
        assertThat(trigger.service()).isEqualTo("Core Network");
        assertThat(trigger.labels()).containsEntry("incident_id", "PINC123");
        assertThat(titled(of("pagerduty"), "Notified").actor()).isEqualTo("Maria Chen");
        // a note reads as what was written, not as "Note added"
        Event note = of("pagerduty").stream().filter(e -> e.kind() == EventKind.PAGE_NOTE).findFirst().orElseThrow();
        assertThat(note.title()).isEqualTo("Provider ticket opened, no ETA yet");

        assertThat(of("opsgenie")).extracting(Event::kind).containsExactlyInAnyOrder(EventKind.PAGE_TRIGGERED,
                EventKind.PAGE_NOTIFIED, EventKind.PAGE_ACKNOWLEDGED, EventKind.PAGE_NOTE, EventKind.PAGE_RESOLVED);
        assertThat(of("opsgenie")).allSatisfy(
                e -> assertThat(e.labels()).containsEntry("alert_id", "4513b7ea-3b91-438f-b7e4-e3e54af9147c"));
    }

    @Test
    void statusUpdatesAreKeptAtTheTimeThePageShowsThem() {
        List<Event> updates = of("statuspage");
        assertThat(updates).hasSize(3).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.STATUS_UPDATE));
        Event investigating = titled(updates, "Connectivity errors — investigating");
        assertThat(investigating.occurredAt()).isEqualTo(Instant.parse("2014-08-12T10:05:00Z"));
        assertThat(investigating.labels()).containsEntry("status", "investigating");
        assertThat(investigating.service()).isEqualTo("Website");
        assertThat(investigating.provider()).isFalse();
    }

    @Test
    void chatFromEveryToolBecomesMessagesWithAuthorsAndChannels() {
        Function<String, Event> slack = t -> titled(of("slack"), t);
        Event asked = slack.apply("@Sam Ortiz dc-east is dark"); // empty display name: Slack shows the real name
        assertThat(asked.actor()).isEqualTo("maria");
        assertThat(asked.text()).contains("status (https://status.example.com)");
        assertThat(asked.occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:51:00.000400Z"));
        assertThat(asked.labels()).containsEntry("channel", "#ops").containsEntry("channel_id", "C0OPS");
        assertThat(slack.apply("on it & opening a ticket").labels()).containsEntry("thread_ts", "1407829860.000400");
        assertThat(slack.apply("CRITICAL: edge1.dc-east").actor()).isEqualTo("Nagios");

        assertThat(of("teams")).extracting(Event::actor).containsExactlyInAnyOrder("Maria Chen", "Sam Ortiz");
        assertThat(titled(of("teams"), "dc-east down").text()).contains("Declaring an incident & opening the bridge");
        assertThat(of("mattermost")).extracting(Event::title)
                .containsExactlyInAnyOrder("failing over to dc-west now", "ack, watching replication",
                        "call me when you can");

        List<Event> irc = of("irc");
        assertThat(irc).hasSize(8).allSatisfy(e -> assertThat(e.zoneAssumed()).isTrue());
        assertThat(titled(irc, "latency to dc-east").occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:52:00Z"));
        assertThat(titled(irc, "latency to dc-east").labels()).containsEntry("channel", "#ops");
        assertThat(titled(irc, "both data centers active again").occurredAt())
                .isEqualTo(Instant.parse("2014-08-13T04:45:00Z"));
        assertThat(titled(irc, "sam is checking").actor()).isEqualTo("sam");
        assertThat(titled(irc, "users report being logged out").occurredAt())
                .isEqualTo(Instant.parse("2014-08-12T12:31:05Z"));
        assertThat(titled(irc, "found it: three new machines").labels()).containsEntry("channel", "#netops");
    }

    @Test
    void logsKeepHostsAndSeveritiesAndZonelessSyslogTakesTheConfiguredZoneAndTheFileNamesYear() {
        List<Event> syslog = of("syslog");
        assertThat(syslog).hasSize(4).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.LOG_LINE));
        Event bgp = titled(syslog, "%BGP-5-ADJCHANGE");
        assertThat(bgp.occurredAt()).isEqualTo(Instant.parse("2014-08-12T07:50:09Z"));
        assertThat(bgp.zoneAssumed()).isTrue();
        assertThat(bgp.host()).isEqualTo("edge1");
        assertThat(bgp.service()).isEqualTo("bgpd");
        assertThat(titled(syslog, "link eth0 negotiated").severity()).isEqualTo("crit");
        Event rfc5424 = titled(syslog, "speed set to 1000Mb/s");
        assertThat(rfc5424.occurredAt()).isEqualTo(Instant.parse("2014-08-12T12:44:59.003Z"));
        assertThat(rfc5424.zoneAssumed()).isFalse();

        assertThat(of("nagios")).extracting(Event::kind).containsExactly(EventKind.LOG_LINE, EventKind.ALERT_FIRING,
                EventKind.LOG_LINE, EventKind.ALERT_FIRING, EventKind.ALERT_RESOLVED, EventKind.LOG_LINE);
        assertThat(of("nagios").get(1).occurredAt()).isEqualTo(Instant.ofEpochSecond(1407830040));
        assertThat(of("nagios").get(1).host()).isEqualTo("edge1.dc-east");
    }

    @Test
    void providerReportsCarryTheTimesTheProviderStates() {
        Event mail = of("rfo-email").get(0);
        assertThat(mail.kind()).isEqualTo(EventKind.PROVIDER_NOTICE);
        assertThat(mail.provider()).isTrue();
        assertThat(mail.title()).isEqualTo("RFO – Ticket 884213 – dc-east core network");
        assertThat(mail.occurredAt()).isEqualTo(Instant.parse("2014-08-14T19:02:44Z"));
        assertThat(mail.dedupKey()).isEqualTo("<rfo-884213@dc-provider.example>");
        assertThat(mail.labels())
                .containsEntry("stated.impactStart", "2014-08-12T08:10:00Z")
                .containsEntry("stated.identified", "2014-08-12T14:00:00Z")
                .containsEntry("stated.impactEnd", "2014-08-12T20:15:00Z")
                .containsEntry("ticket", "884213")
                .containsEntry("sites", "dc-east (suite 4, cage 12)")
                .containsEntry("provider", "dc-provider.example");
        assertThat(mail.text()).contains("BGP routing table growth exceeded");

        Event pdf = of("rfo-pdf").get(0);
        assertThat(pdf.occurredAt()).isEqualTo(Instant.parse("2014-08-15T09:30:00Z"));
        assertThat(pdf.labels()).containsEntry("stated.impactStart", "2014-08-12T08:10:00Z")
                .containsEntry("stated.impactEnd", "2014-08-12T20:15:00Z")
                .containsEntry("ticket", "884213");
    }

    @Test
    void genericFormatsKeepTheirZoneOrSayItWasAssumed() {
        Event note = of("jsonl").get(0);
        assertThat(note.occurredAt()).isEqualTo(Instant.parse("2014-08-12T12:00:00Z"));
        assertThat(of("csv").get(0).kind()).isEqualTo(EventKind.CHANGE);
        assertThat(new String(note.raw().bytes(), StandardCharsets.UTF_8)).contains("Called the provider");
    }
}
