package dev.hindsight.web.timeline;

import dev.hindsight.web.cli.OutputFormat;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.timeline.Timelines;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "timeline", mixinStandardHelpOptions = true, description = {
        "Builds an incident's timeline: key moments, response metrics, storylines, entries and findings.",
        "JSON: {\"incident\", \"moments\", \"metrics\", \"entries\", \"storylines\", \"findings\"}; times are UTC."})
public class TimelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Mixin
    ServerOption serverOption;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        try (Target target = Target.open(dataOption, serverOption)) {
            Timeline timeline = target.call(app -> app.bean(Timelines.class).timeline(key, Viewer.LOCAL_ADMIN),
                    server -> server.get("/api/incidents/" + ServerClient.segment(key) + "/timeline", Timeline.class));
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                Json.print(out, timeline);
            } else {
                text(out, timeline);
            }
            return 0;
        }
    }

    static void text(PrintWriter out, Timeline t) {
        out.printf(Locale.ROOT, "%s  %s%n%s .. %s (UTC)%n%n", t.incident().key(), t.incident().title(),
                t.incident().from(),
                t.incident().to());
        out.println("Key moments");
        t.moments().forEach(m -> out.printf(Locale.ROOT, "  %-16s %s%n", m.kind(), m.at()));
        Timeline.Metrics m = t.metrics();
        out.printf(Locale.ROOT, "%nMetrics  TTD %s  TTA %s  TTFC %s  TTM %s  TTR %s%n", dur(m.timeToDetectSeconds()),
                dur(m.timeToAcknowledgeSeconds()),
                dur(m.timeToFirstCommsSeconds()), dur(m.timeToMitigateSeconds()), dur(m.timeToResolveSeconds()));
        out.println();
        out.println("Storylines");
        t.storylines().forEach(
                s -> out.printf(Locale.ROOT, "  %-4s %-40s %3d events  %s .. %s%n", s.id(), s.title(), s.size(),
                        s.from(), s.to()));
        out.println();
        out.println("Timeline");
        for (Timeline.Entry e : t.entries()) {
            out.printf(Locale.ROOT, "  %s  %-4s %-12s %-17s %s%s%n", e.at(), e.storyline(), e.source(), e.kind(),
                    e.title(),
                    e.count() > 1 ? "  (x" + e.count() + " until " + e.until() + ")" : "");
        }
        if (!t.findings().isEmpty()) {
            out.println();
            out.println("Findings");
            t.findings().forEach(f -> out.printf(Locale.ROOT, "  %-20s %s%n", f.type(), f.message()));
        }
        out.flush();
    }

    private static String dur(Long seconds) {
        if (seconds == null) {
            return "-";
        }
        long m = seconds / 60;
        return m >= 60
                ? (m / 60) + "h" + String.format(Locale.ROOT, "%02d", m % 60) + "m"
                : m + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
}
