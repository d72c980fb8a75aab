package dev.hindsight.reporting.export;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Everything an export shows: the incident, its curated timeline, its post-mortem and its action items. */
public record Report(IncidentSummary incident, Timeline timeline, PostMortem postMortem, List<ActionItem> actions,
        ZoneId zone,
        Instant generatedAt, PostMortemTemplate template) {

    public Report(IncidentSummary incident, Timeline timeline, PostMortem postMortem, List<ActionItem> actions,
            ZoneId zone, Instant generatedAt) {
        this(incident, timeline, postMortem, actions, zone, generatedAt, PostMortemTemplate.DEFAULT);
    }

    /** Most timeline rows the documents (not the spreadsheet) list; the rest are counted and left to the XLSX. */
    public static final int MAX_DOCUMENT_ROWS = 2_000;

    public String time(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH).withZone(zone).format(at);
    }

    public String title() {
        return "Post-mortem: " + incident.title();
    }

    /** The entries the documents list: all of them up to {@link #MAX_DOCUMENT_ROWS}. */
    public List<Timeline.Entry> documentEntries() {
        return timeline.entries().stream().limit(MAX_DOCUMENT_ROWS).toList();
    }
}
