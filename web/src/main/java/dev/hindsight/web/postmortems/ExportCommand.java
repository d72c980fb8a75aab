package dev.hindsight.web.postmortems;

import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
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

    @Mixin
    ServerOption serverOption;

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
        try (Target target = Target.open(dataOption, serverOption)) {
            spec.commandLine().getErr().println("Building the " + f.extension() + " export of " + key + "...");
            String[] contents = {""};
            byte[] bytes = target.call(app -> {
                Report report = app.bean(Exports.class).report(key, zoneId, Viewer.LOCAL_ADMIN);
                contents[0] = ": " + report.timeline().entries().size() + " timeline entries, "
                        + report.actions().size() + " action items";
                return Exporter.export(report, f);
            }, server -> server.bytes(ServerClient.path("/api/incidents/" + ServerClient.segment(key) + "/export",
                    java.util.Map.of("format", f.extension(), "zone", zoneId.getId()))));
            Path file = out.toAbsolutePath();
            Path temp = Files.createTempFile(file.getParent() == null ? Path.of(".") : file.getParent(), ".export-",
                    ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            spec.commandLine().getErr().printf(Locale.ROOT, "Wrote %s (%,d bytes%s)%n", file, bytes.length,
                    contents[0]);
            return 0;
        }
    }
}
