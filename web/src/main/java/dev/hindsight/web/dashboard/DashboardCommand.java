package dev.hindsight.web.dashboard;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.text.Durations;
import dev.hindsight.reporting.analytics.Dashboard;
import dev.hindsight.reporting.analytics.Dashboards;
import dev.hindsight.reporting.analytics.Trends;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dashboard", mixinStandardHelpOptions = true, description = {
        "Prints the dashboard's trend: per month or quarter, the median and 90th percentile of time to detect",
        "(from the first symptom), acknowledge, mitigate and resolve, for all incidents or by severity, service,",
        "team or cause. JSON: the rows of GET /api/dashboard/trends."})
public class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Option(names = "--period", defaultValue = "quarter", paramLabel = "month|quarter", description = "Default: ${DEFAULT-VALUE}.")
    String period;

    @Option(names = "--by", defaultValue = "all", paramLabel = "DIMENSION", description = "all, severity, service, team or cause (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--format", defaultValue = "text", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        if (!period.equals("month") && !period.equals("quarter") || !Trends.DIMENSIONS.contains(by)) {
            throw new InvalidInputException("--period is month or quarter; --by one of " + Trends.DIMENSIONS);
        }
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            Dashboard d = app.bean(Dashboards.class).dashboard(Viewer.LOCAL_ADMIN);
            List<Trends.Row> rows = (period.equals("quarter") ? d.quarterly() : d.monthly()).by(by);
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                Json.print(out, rows);
                return 0;
            }
            out.printf(Locale.ROOT, "%-8s %-20s %9s %12s %12s %12s %12s %12s%n", period, "group", "incidents",
                    "TTD median", "TTD p90", "TTA median", "TTR median", "TTR p90");
            for (Trends.Row r : rows) {
                out.printf(Locale.ROOT, "%-8s %-20s %9d %12s %12s %12s %12s %12s%n", r.period(), r.value(),
                        r.incidents(), Durations.readableSeconds(r.ttd().median()),
                        Durations.readableSeconds(r.ttd().p90()), Durations.readableSeconds(r.tta().median()),
                        Durations.readableSeconds(r.ttr().median()), Durations.readableSeconds(r.ttr().p90()));
            }
            out.flush();
            return 0;
        }
    }
}
