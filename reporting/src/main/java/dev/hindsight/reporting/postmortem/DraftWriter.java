package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.text.Durations;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.Finding;
import dev.hindsight.core.timeline.Timeline.FindingType;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the first draft of a post-mortem from the timeline: moments, metrics, storylines and findings, in plain
 * sentences. Deterministic and offline; what needs judgement is left as a prompt for the team.
 */
public final class DraftWriter {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final long QUICK_DETECTION_SECONDS = 5 * 60;
    private static final long QUICK_ACK_SECONDS = 15 * 60;
    private static final long SLOW_COMMS_SECONDS = 30 * 60;

    private DraftWriter() {}

    public static Map<Section, String> draft(IncidentSummary incident, Timeline t) {
        Map<MomentKind, Moment> m = new EnumMap<>(MomentKind.class);
        t.moments().forEach(x -> m.put(x.kind(), x));
        Timeline.Metrics metrics = t.metrics();
        Map<Section, String> s = new EnumMap<>(Section.class);

        StringBuilder summary = new StringBuilder();
        Moment start = m.get(MomentKind.IMPACT_START);
        Moment end = m.get(MomentKind.RESOLVED);
        summary.append(incident.title()).append(" (").append(incident.severity()).append(")");
        if (start != null && end != null) {
            summary.append(" lasted ")
                    .append(Durations.readableSeconds(Duration.between(start.at(), end.at()).toSeconds()))
                    .append(", from ").append(TIME.format(start.at())).append(" to ").append(TIME.format(end.at()))
                    .append(".");
        } else {
            summary.append(" ran in the window ").append(TIME.format(incident.from())).append(" to ")
                    .append(TIME.format(incident.to())).append(".");
        }
        Timeline.Impact firstSign = t.impact();
        boolean earlierSign = firstSign != null && (firstSign.basis() == Timeline.ImpactBasis.HUMAN_REPORT
                || firstSign.basis() == Timeline.ImpactBasis.CHANGE) && firstSign.detectedAfterSeconds() != null;
        Long ttd = firstSign != null && firstSign.detectedAfterSeconds() != null
                ? firstSign.detectedAfterSeconds()
                : metrics.timeToDetectSeconds();
        if (earlierSign) {
            summary.append(" The first sign came at ").append(TIME.format(firstSign.at())).append(": ")
                    .append(firstSign.reason()).append(".");
        }
        if (ttd != null) {
            summary.append(" Monitoring detected it ").append(after(ttd))
                    .append(earlierSign ? " that" : " impact began");
            summary.append(metrics.timeToAcknowledgeSeconds() == null
                    ? "."
                    : " and the page was acknowledged "
                            + Durations.readableSeconds(metrics.timeToAcknowledgeSeconds()) + " later.");
        }
        if (metrics.timeToFirstCommsSeconds() != null) {
            summary.append(" The first own status update came ").append(after(metrics.timeToFirstCommsSeconds()))
                    .append(" detection.");
        }
        if (!t.storylines().isEmpty()) {
            summary.append("\n\nThe evidence falls into ").append(t.storylines().size())
                    .append(t.storylines().size() == 1 ? " storyline: " : " storylines: ")
                    .append(String.join("; ", t.storylines().stream().limit(6).map(Timeline.Storyline::title).toList()))
                    .append(".");
        }
        s.put(Section.SUMMARY, summary.toString());

        List<String> impact = new ArrayList<>();
        if (metrics.timeToResolveSeconds() != null) {
            impact.add("- Duration of impact: " + Durations.readableSeconds(metrics.timeToResolveSeconds())
                    + " (impact start to resolution).");
        }
        if (metrics.timeToMitigateSeconds() != null) {
            impact.add("- Mitigated " + after(metrics.timeToMitigateSeconds()) + " impact began.");
        }
        t.entries().stream().filter(e -> e.kind() == EventKind.STATUS_UPDATE && !e.provider()).findFirst()
                .ifPresent(e -> impact.add("- First status page update: \"" + e.title() + "\"."));
        impact.add("- _Users and services affected: to be completed by the team._");
        s.put(Section.IMPACT, String.join("\n", impact));

        Optional<Timeline.Entry> notice = t.entries().stream().filter(e -> e.kind() == EventKind.PROVIDER_NOTICE)
                .findFirst();
        s.put(Section.ROOT_CAUSE,
                notice.map(e -> "The provider's statement (" + TIME.format(e.at()) + "): \"" + e.title()
                        + "\".\n\n_Confirm or correct the cause in your own words._")
                        .orElse("_What caused it, in one paragraph: systems and decisions, not people._"));

        List<String> contributing = new ArrayList<>();
        for (Finding f : t.findings()) {
            contributing.add("- " + label(f.type()) + ": " + f.message());
        }
        s.put(Section.CONTRIBUTING,
                contributing.isEmpty()
                        ? "_None found in the evidence; add what the team knows._"
                        : String.join("\n", contributing));

        List<String> well = new ArrayList<>();
        if (ttd != null && ttd <= QUICK_DETECTION_SECONDS) {
            well.add("- Monitoring caught the problem " + after(ttd) + " it began.");
        }
        if (metrics.timeToAcknowledgeSeconds() != null && metrics.timeToAcknowledgeSeconds() <= QUICK_ACK_SECONDS) {
            well.add("- On-call acknowledged the page within "
                    + Durations.readableSeconds(metrics.timeToAcknowledgeSeconds()) + ".");
        }
        s.put(Section.WENT_WELL, well.isEmpty() ? "_For the team to fill in._" : String.join("\n", well));

        List<String> badly = new ArrayList<>();
        if (metrics.timeToFirstCommsSeconds() != null && metrics.timeToFirstCommsSeconds() > SLOW_COMMS_SECONDS) {
            badly.add("- Users heard from us " + after(metrics.timeToFirstCommsSeconds()) + " detection.");
        }
        t.findings().stream().filter(f -> f.type() == FindingType.DETECTION_GAP || f.type() == FindingType.COMMS_GAP)
                .forEach(f -> badly.add("- " + f.message()));
        s.put(Section.WENT_BADLY, badly.isEmpty() ? "_For the team to fill in._" : String.join("\n", badly));
        s.put(Section.LUCKY, "_For the team to fill in._");
        s.put(Section.LESSONS, "_One line per lesson; each becomes an action item._");
        return s;
    }

    private static String label(FindingType type) {
        return switch (type) {
            case CLOCK_SKEW -> "Clock skew";
            case DETECTION_GAP -> "Detection gap";
            case COMMS_GAP -> "Communication gap";
            case PROVIDER_DISCREPANCY -> "Provider discrepancy";
            case DATA_GAP -> "Data gap";
        };
    }

    private static String after(long seconds) {
        return seconds == 0 ? "as" : Durations.readableSeconds(seconds) + " after";
    }

    static String time(Instant at) {
        return TIME.format(at);
    }
}
