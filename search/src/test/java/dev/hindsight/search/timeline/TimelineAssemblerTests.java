package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.timeline.Timeline.FindingType;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import dev.hindsight.core.testing.TestSeeds;
import org.junit.jupiter.api.Test;

/** The steps assembled, on hand-made evidence: contract definitions of moments and metrics, collapse, selection. */
class TimelineAssemblerTests {

    static final Instant T0 = Instant.parse("2014-08-12T07:50:00Z");
    static final IncidentSummary INCIDENT = new IncidentSummary("INC-1", "dc-east down", Severity.SEV1,
            IncidentStatus.INVESTIGATING,
            T0.minusSeconds(600), T0.plusSeconds(6 * 3600), null, null, false, Set.of());

    private final TimelineAssembler engine = new TimelineAssembler(TimelineSettings.defaults());
    private long seq;

    private StoredEvent event(Set<String> incidents, Event.Builder b) {
        Event e = b.build();
        return new StoredEvent(e.id(), ++seq, T0, e, incidents);
    }

    private static Event.Builder at(int minutes, String source, EventKind kind, String title) {
        return Event.builder(source, kind, T0.plusSeconds(60L * minutes), title)
                .dedupKey(source + minutes + kind + title);
    }

    /** A small incident: alerts on edge1.dc-east, a page, chat, own status updates and a provider RFO. */
    private List<StoredEvent> attached() {
        Set<String> inc = Set.of("INC-1");
        return List.of(
                event(inc, at(0, "nagios", EventKind.ALERT_FIRING, "edge1 packet loss").host("edge1.dc-east")),
                event(inc,
                        at(4, "pagerduty", EventKind.PAGE_TRIGGERED, "lb1.dc-east HTTPS critical").label("incident_id",
                                "P1")),
                event(inc,
                        at(7, "pagerduty", EventKind.PAGE_ACKNOWLEDGED, "Acknowledged by Alex").label("incident_id",
                                "P1")),
                event(inc,
                        at(9, "irc", EventKind.CHAT_MESSAGE, "edge1 is timing out, calling the provider")
                                .actor("alex")),
                event(inc,
                        at(30, "statuspage", EventKind.STATUS_UPDATE, "Errors — investigating").label("status",
                                "investigating")),
                event(inc,
                        at(31, "statuspage", EventKind.STATUS_UPDATE, "Provider status — identified")
                                .label("status", "identified").provider(true)),
                event(inc,
                        at(90, "statuspage", EventKind.STATUS_UPDATE, "Errors — monitoring").label("status",
                                "monitoring")),
                event(inc, at(200, "nagios", EventKind.ALERT_RESOLVED, "edge1 packet loss OK").host("edge1.dc-east")),
                event(inc,
                        at(210, "pagerduty", EventKind.PAGE_RESOLVED, "Resolved by Alex").label("incident_id", "P1")),
                event(inc,
                        at(240, "statuspage", EventKind.STATUS_UPDATE, "Errors — resolved").label("status",
                                "resolved")),
                event(inc, at(300, "rfo-email", EventKind.PROVIDER_NOTICE, "RFO").provider(true).location("dc-east")
                        .label("stated.impactStart", T0.minusSeconds(300).toString())
                        .label("stated.impactEnd", T0.plusSeconds(60L * 120).toString())));
    }

    @Test
    void momentsAndMetricsFollowTheContractsDefinitions() {
        Timeline t = engine.assemble(INCIDENT, attached(), List.of(), Set.of(), Set.of());
        Map<MomentKind, Instant> at = t.moments().stream()
                .collect(Collectors.toMap(Timeline.Moment::kind, Timeline.Moment::at));

        // the provider says impact began 5 min before our first alert: the earlier of the two
        assertThat(at.get(MomentKind.IMPACT_START)).isEqualTo(T0.minusSeconds(300));
        assertThat(at.get(MomentKind.DETECTED)).isEqualTo(T0);
        assertThat(at.get(MomentKind.ACKNOWLEDGED)).isEqualTo(T0.plusSeconds(7 * 60));
        assertThat(at.get(MomentKind.FIRST_COMMS)).isEqualTo(T0.plusSeconds(30 * 60)); // the provider's update does not count
        assertThat(at.get(MomentKind.PROVIDER_NOTICE)).isEqualTo(T0.plusSeconds(31 * 60));
        assertThat(at.get(MomentKind.MITIGATED)).isEqualTo(T0.plusSeconds(90 * 60));
        assertThat(at.get(MomentKind.RESOLVED)).isEqualTo(T0.plusSeconds(240 * 60)); // the last of alert, page and own resolved
        assertThat(t.metrics().timeToDetectSeconds()).isEqualTo(300);
        assertThat(t.metrics().timeToAcknowledgeSeconds()).isEqualTo(7 * 60);
        assertThat(t.metrics().timeToFirstCommsSeconds()).isEqualTo(30 * 60);
        assertThat(t.metrics().timeToMitigateSeconds()).isEqualTo(95 * 60);
        assertThat(t.metrics().timeToResolveSeconds()).isEqualTo(245 * 60);
        assertThat(t.findings()).extracting(Timeline.Finding::type).contains(FindingType.COMMS_GAP,
                FindingType.PROVIDER_DISCREPANCY);
    }

    @Test
    void impactBeginsAtTheFirstSymptomAReportOrAChangeToTheSameSystemsWithItsReason() {
        Set<String> inc = Set.of("INC-1");
        List<StoredEvent> events = List.of(
                event(inc, at(-20, "deploys", EventKind.CHANGE, "Deploy 4512 of checkout").service("checkout")
                        .host("app1")),
                event(inc, at(-12, "support", EventKind.NOTE, "Customers report failed payments").service("checkout")
                        .actor("support")),
                event(inc, at(0, "alertmanager", EventKind.ALERT_FIRING, "CheckoutErrors").service("checkout")
                        .host("app1")),
                // a deploy of another system just before is no sign of this impact
                event(inc, at(-5, "deploys", EventKind.CHANGE, "Deploy 88 of search").service("search")
                        .host("search1")));

        Timeline t = engine.assemble(INCIDENT, events, List.of(), Set.of(), Set.of());

        // the contract's IMPACT_START stays the first alert; the estimate reads the symptoms
        assertThat(t.moments()).filteredOn(m -> m.kind() == MomentKind.IMPACT_START).extracting(Timeline.Moment::at)
                .containsExactly(T0);
        assertThat(t.impact().at()).isEqualTo(T0.minusSeconds(20 * 60));
        assertThat(t.impact().basis()).isEqualTo(Timeline.ImpactBasis.CHANGE);
        assertThat(t.impact().reason()).contains("Deploy 4512 of checkout").contains("20 min before");
        assertThat(t.impact().detectedAfterSeconds()).isEqualTo(20 * 60);

        Timeline withoutDeploy = engine.assemble(INCIDENT, events.subList(1, 3), List.of(), Set.of(), Set.of());
        assertThat(withoutDeploy.impact().basis()).isEqualTo(Timeline.ImpactBasis.HUMAN_REPORT);
        assertThat(withoutDeploy.impact().reason()).contains("support reported \"Customers report failed payments\"");
        assertThat(withoutDeploy.impact().detectedAfterSeconds()).isEqualTo(12 * 60);
    }

    @Test
    void withOnlyAlertsTheEstimateIsTheContractsImpactStart() {
        Timeline t = engine.assemble(INCIDENT, attached(), List.of(), Set.of(), Set.of());
        assertThat(t.impact().basis()).isEqualTo(Timeline.ImpactBasis.PROVIDER_STATED);
        assertThat(t.impact().at()).isEqualTo(T0.minusSeconds(300));
        assertThat(t.impact().detectedAfterSeconds()).isEqualTo(t.metrics().timeToDetectSeconds());
    }

    @Test
    void unknownMomentsLeaveTheirMetricsNull() {
        Timeline t = engine.assemble(INCIDENT, List.of(event(Set.of("INC-1"),
                at(3, "irc", EventKind.CHAT_MESSAGE, "anyone else seeing errors?"))), List.of(), Set.of(), Set.of());

        assertThat(t.moments()).isEmpty();
        assertThat(t.metrics()).isEqualTo(new Timeline.Metrics(null, null, null, null, null));
        assertThat(t.entries()).hasSize(1);
    }

    @Test
    void theSameEventsInAnyOrderGiveTheSameTimeline() {
        long seed = TestSeeds.seed("TimelineAssemblerTests.theSameEventsInAnyOrderGiveTheSameTimeline");
        List<StoredEvent> attached = new ArrayList<>(attached());
        List<StoredEvent> window = new ArrayList<>(List.of(
                event(Set.of(), at(5, "syslog", EventKind.LOG_LINE, "bgp neighbor down").host("edge1")),
                event(Set.of(), at(6, "nagios", EventKind.ALERT_FIRING, "build3 disk").host("build3.office"))));
        Timeline expected = engine.assemble(INCIDENT, attached, window, Set.of(), Set.of());
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(attached, random);
            Collections.shuffle(window, random);
            assertThat(engine.assemble(INCIDENT, attached, window, Set.of(), Set.of())).as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void windowEventsJoinOnlyWhenTheyShareAnEntityAndSayWhy() {
        List<StoredEvent> window = List.of(
                event(Set.of(), at(5, "syslog", EventKind.LOG_LINE, "bgp neighbor down").host("edge1")),
                event(Set.of(),
                        at(6, "nagios", EventKind.ALERT_FIRING, "build3 disk almost full").host("build3.office")),
                event(Set.of("SECRET-9"),
                        at(8, "nagios", EventKind.ALERT_FIRING, "edge1 secret probe").host("edge1.dc-east")));

        Timeline t = engine.assemble(INCIDENT, attached(), window, Set.of(), Set.of("SECRET-9"));

        assertThat(t.entries()).extracting(Timeline.Entry::title).contains("bgp neighbor down")
                .doesNotContain("build3 disk almost full", "edge1 secret probe");
        assertThat(t.entries()).filteredOn(e -> e.title().equals("bgp neighbor down")).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("shares host edge1 with \"edge1 packet loss\""));
    }

    @Test
    void repeatedNotificationsOfOneAlertCollapseIntoOneEntry() {
        Set<String> inc = Set.of("INC-1");
        List<StoredEvent> events = List.of(
                event(inc,
                        at(0, "alertmanager", EventKind.ALERT_FIRING, "packet loss").label("fingerprint", "f1")
                                .dedupKey("a")),
                event(inc,
                        at(5, "alertmanager", EventKind.ALERT_FIRING, "packet loss").label("fingerprint", "f1")
                                .dedupKey("b")),
                event(inc,
                        at(10, "alertmanager", EventKind.ALERT_FIRING, "packet loss").label("fingerprint", "f1")
                                .dedupKey("c")),
                event(inc, at(12, "alertmanager", EventKind.ALERT_FIRING, "latency").label("fingerprint", "f2")
                        .dedupKey("d")));

        Timeline t = engine.assemble(INCIDENT, events, List.of(), Set.of(), Set.of());

        assertThat(t.entries()).hasSize(2);
        Timeline.Entry collapsed = t.entries().get(0);
        assertThat(collapsed.count()).isEqualTo(3);
        assertThat(collapsed.until()).isEqualTo(T0.plusSeconds(600));
        assertThat(collapsed.reason()).endsWith("3 repeats collapsed");
    }

    @Test
    void aChatBotWhoseClockRunsFiveMinutesAheadIsFoundAndCorrected() {
        Set<String> inc = Set.of("INC-1");
        List<StoredEvent> events = new ArrayList<>();
        String[] alerts = {"CRITICAL edge1 upstream packet loss 72 percent", "CRITICAL lb1 https socket timeout",
                "WARNING web7 network throughput saturated", "CRITICAL web8 network throughput saturated"};
        for (int i = 0; i < alerts.length; i++) {
            events.add(event(inc, at(i * 20, "nagios", EventKind.ALERT_FIRING, alerts[i]).host("edge1.dc-east")));
            // the bot posts each alert 3 s after it fired, but its clock is 5 min ahead
            events.add(event(inc,
                    Event.builder("slack", EventKind.CHAT_MESSAGE, T0.plusSeconds(i * 1200L + 3 + 300), alerts[i])
                            .actor("nagios-bot").dedupKey("bot" + i)));
        }

        Timeline t = engine.assemble(INCIDENT, events, List.of(), Set.of(), Set.of());

        assertThat(t.findings()).filteredOn(f -> f.type() == FindingType.CLOCK_SKEW).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("slack");
            assertThat(f.offsetSeconds()).isBetween(300L - 30, 300L + 30);
        });
        assertThat(t.entries()).filteredOn(e -> e.source().equals("slack"))
                .allSatisfy(e -> assertThat(e.correctedAt()).isEqualTo(e.at().minusSeconds(303)));
        assertThat(t.entries()).filteredOn(e -> e.source().equals("nagios"))
                .allSatisfy(e -> assertThat(e.correctedAt()).isNull());
    }

    @Test
    void aNotificationDelayIsLatencyNotSkew() {
        Set<String> inc = Set.of("INC-1");
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event(inc, at(i * 20, "nagios", EventKind.ALERT_FIRING, "CRITICAL lb1 https socket timeout " + i)
                    .host("lb1.dc-east")));
            events.add(event(inc,
                    Event.builder("slack", EventKind.CHAT_MESSAGE, T0.plusSeconds(i * 1200L + 5),
                            "CRITICAL lb1 https socket timeout " + i)
                            .dedupKey("bot" + i)));
        }

        Timeline t = engine.assemble(INCIDENT, events, List.of(), Set.of(), Set.of());

        assertThat(t.findings()).noneMatch(f -> f.type() == FindingType.CLOCK_SKEW);
    }
}
