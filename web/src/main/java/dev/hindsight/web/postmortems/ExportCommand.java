package dev.hindsight.web.postmortems;

import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.Exporter;
import dev.hindsight.reporting.export.Report;
import dev.hindsight.reporting.export.Exports;
import dev.hindsight.web.support.Zones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Exports an incident's post-mortem: summary, impact, metrics, root cause, lessons, action items and the curated timeline.",
        "docx and pdf for reading, xlsx for analysis (timeline, metrics, action items), md for a wiki, html as one offline file.",
        "Without a saved post-mortem, the draft written from the timeline is exported."})
public class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--format", required = true, paramLabel = "docx|xlsx|pdf|md|html")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (replaced if it exists).")
    Path out;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "IANA zone for the times in documents (default: ${DEFAULT-VALUE}); the XLSX keeps UTC.")
    String zone;

    @Override
    public Integer call() throws IOException {
        ExportFormat f = ExportFormat.parse(format);
        ZoneId zoneId = Zones.parse(zone);
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            spec.commandLine().getErr().println("Building the " + f.extension() + " export of " + key + "...");
            Report report = app.bean(Exports.class).report(key, zoneId, Viewer.LOCAL_ADMIN);
            byte[] bytes = Exporter.export(report, f);
            Path target = out.toAbsolutePath();
            Path temp = Files.createTempFile(target.getParent() == null ? Path.of(".") : target.getParent(), ".export-",
                    ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            spec.commandLine().getErr().printf(Locale.ROOT,
                    "Wrote %s (%,d bytes: %d timeline entries, %d action items)%n", target,
                    bytes.length,
                    report.timeline().entries().size(), report.actions().size());
            return 0;
        }
    }
}
