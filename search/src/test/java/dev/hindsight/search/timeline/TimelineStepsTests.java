package dev.hindsight.search.timeline;

import static dev.hindsight.core.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.testing.TestEvents;
import dev.hindsight.core.timeline.Timeline.Finding;
import dev.hindsight.core.timeline.Timeline.FindingType;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each step of the timeline engine on its own, with the events built for the case. */
class TimelineStepsTests {

    static final IncidentSummary INCIDENT = new IncidentSummary("INC-1", "dc-east down", Severity.SEV1,
            IncidentStatus.INVESTIGATING, T0.minusSeconds(600), T0.plusSeconds(6 * 3600), null, null, false, Set.of());

    static ExtractedEvents extracted(StoredEvent... events) {
        return ExtractedEvents.of(new ArrayList<>(List.of(events)));
    }

    /** Every event a candidate (attached), then collapsed. */
    static List<EntryGroup> groups(StoredEvent... events) {
        ExtractedEvents all = extracted(events);
        String[] reasons = IntStream.range(0, all.size()).mapToObj(i -> "attached").toArray(String[]::new);
        return Collapse.groups(all, reasons, Duration.ofHours(1));
    }

    @Nested
    class CandidatesStep {
        @Test
        void attachedEventsComeInAndWindowEventsOnlyThroughASharedEntity() {
            ExtractedEvents events = extracted(
                    TestEvents.alert("edge1 packet loss").host("edge1.dc-east").attachedTo("INC-1").stored(),
                    TestEvents.of(EventKind.LOG_LINE, "bgp neighbor down").source("syslog").host("edge1").minute(2)
                            .stored(),
                    TestEvents.alert("build3 disk almost full").host("build3.office").minute(3).stored());
            Set<String> attached = Set.of(events.at(0).id());

            String[] reasons = Candidates.reasons(INCIDENT, events, attached, Set.of());

            assertThat(reasons[0]).isEqualTo("attached to INC-1");
            assertThat(reasons[1]).isEqualTo("shares host edge1 with \"edge1 packet loss\"");
            assertThat(reasons[2]).as("unrelated noise in the window stays out").isNull();
        }

        @Test
        void withNothingAttachedTheWindowItselfIsTheIncident() {
            ExtractedEvents events = extracted(TestEvents.alert("inside").minute(5).stored(),
                    TestEvents.alert("long before").minute(-300).stored());

            String[] reasons = Candidates.reasons(INCIDENT, events, Set.of(), Set.of());

            assertThat(reasons[0]).isNull(); // "long before" sorts first
            assertThat(reasons[1]).isEqualTo("in the incident window");
        }
    }

    @Nested
    class CollapseStep {
        @Test
        void repeatsOfOneAlertFoldIntoOneEntryWithACountAndARange() {
            List<EntryGroup> groups = groups(
                    TestEvents.alert("packet loss").label("fingerprint", "f1").dedupKey("a").stored(),
                    TestEvents.alert("packet loss").label("fingerprint", "f1").dedupKey("b").minute(5).stored(),
                    TestEvents.alert("latency").label("fingerprint", "f2").minute(6).stored());

            assertThat(groups).hasSize(2);
            assertThat(groups.get(0).events).hasSize(2);
            assertThat(groups.get(0).last().event().occurredAt()).isEqualTo(T0.plusSeconds(300));
        }

        @Test
        void aWarningAndACriticalOfOtherNamesOnOneHostStayTwoEntries() {
            // titles from the same summary template, no fingerprints: only the names tell them apart
            List<EntryGroup> groups = groups(
                    TestEvents.alert("High latency on lb1").host("lb1").label("alertname", "LatencyWarning")
                            .severity("warning").stored(),
                    TestEvents.alert("High latency on lb1").host("lb1").label("alertname", "LatencyCritical")
                            .severity("critical").minute(1).stored());

            assertThat(groups).hasSize(2);
            assertThat(groups).extracting(g -> g.first.event().labels().get("alertname"))
                    .containsExactly("LatencyWarning", "LatencyCritical");
        }

        @Test
        void numbersInATitleDoNotMakeAnotherAlertButAnotherHostDoes() {
            List<EntryGroup> groups = groups(
                    TestEvents.alert("Disk 91% full").host("db1").stored(),
                    TestEvents.alert("Disk 97% full").host("db1").minute(2).stored(),
                    TestEvents.alert("Disk 97% full").host("db2").minute(3).stored());

            assertThat(groups).extracting(g -> g.events.size()).containsExactly(2, 1);
        }

        @Test
        void peopleAreNeverCollapsed() {
            List<EntryGroup> groups = groups(TestEvents.chat("on it").stored(),
                    TestEvents.chat("on it").minute(1).dedupKey("again").stored());

            assertThat(groups).hasSize(2);
        }
    }

    @Nested
    class StorylinesStep {
        @Test
        void evidenceLinkedByAHostIsOneStorylineAndChatJoinsTheOneItNames() {
            List<EntryGroup> groups = groups(
                    TestEvents.alert("edge1 packet loss").host("edge1.dc-east").stored(),
                    TestEvents.page("edge1 unreachable").host("edge1.dc-east").minute(2).stored(),
                    TestEvents.alert("checkout 5xx").service("checkout").host("web7").minute(3).stored(),
                    TestEvents.chat("edge1 is dropping packets, calling the provider").by("ann").minute(4).stored());

            List<Storyline> storylines = Storylines.build(groups);

            assertThat(storylines).hasSize(2);
            assertThat(groups.get(0).storylineId()).isEqualTo(groups.get(1).storylineId());
            assertThat(groups.get(3).storylineId()).as("the chat names edge1").isEqualTo(groups.get(0).storylineId());
            assertThat(groups.get(2).storylineId()).isNotEqualTo(groups.get(0).storylineId());
            assertThat(storylines.get(0).title()).as("site, then hosts").isEqualTo("dc-east (edge1)");
        }
    }

    @Nested
    class MomentsStep {
        @Test
        void detectionIsTheFirstAlertOrPageAndResolutionTheLastRecovery() {
            List<StoredEvent> events = List.of(
                    TestEvents.page("paged").minute(2).stored(),
                    TestEvents.alert("loss").minute(4).stored(),
                    TestEvents.of(EventKind.PAGE_ACKNOWLEDGED, "acked").minute(7).stored(),
                    TestEvents.resolved("loss").minute(60).stored(),
                    TestEvents.of(EventKind.PAGE_RESOLVED, "page resolved").minute(65).stored());

            Map<MomentKind, Moment> moments = Moments.of(events);

            assertThat(moments.get(MomentKind.DETECTED).at()).isEqualTo(T0.plusSeconds(120));
            assertThat(moments.get(MomentKind.IMPACT_START).at()).isEqualTo(T0.plusSeconds(240));
            assertThat(moments.get(MomentKind.ACKNOWLEDGED).at()).isEqualTo(T0.plusSeconds(420));
            assertThat(moments.get(MomentKind.RESOLVED).at()).isEqualTo(T0.plusSeconds(65 * 60));
            assertThat(Moments.metrics(moments).timeToAcknowledgeSeconds()).isEqualTo(300);
        }
    }

    @Nested
    class FindingsStep {
        @Test
        void anHourWithoutAnOwnStatusUpdateIsACommunicationGap() {
            List<StoredEvent> events = List.of(
                    TestEvents.alert("loss").stored(),
                    TestEvents.status("Investigating", "investigating").minute(10).stored(),
                    TestEvents.status("Resolved", "resolved").minute(100).stored());
            List<EntryGroup> groups = groups(events.toArray(StoredEvent[]::new));
            List<Storyline> storylines = Storylines.build(groups);

            List<Finding> findings = new Findings(TimelineSettings.defaults()).of(INCIDENT, events, groups, storylines,
                    Moments.of(events), List.of());

            assertThat(findings).filteredOn(f -> f.type() == FindingType.COMMS_GAP).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("no status update for 1 h 30 min"));
        }

        @Test
        void aPersonReportingBeforeAnyAlertIsADetectionGap() {
            List<StoredEvent> events = List.of(
                    TestEvents.chat("users report errors on edge1").by("support").stored(),
                    TestEvents.alert("edge1 down").host("edge1").minute(9).stored());
            List<EntryGroup> groups = groups(events.toArray(StoredEvent[]::new));

            List<Finding> findings = new Findings(TimelineSettings.defaults()).of(INCIDENT, events, groups,
                    Storylines.build(groups), Moments.of(events), List.of());

            assertThat(findings).filteredOn(f -> f.type() == FindingType.DETECTION_GAP).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("support reported").contains("9 min before"));
        }
    }
}
