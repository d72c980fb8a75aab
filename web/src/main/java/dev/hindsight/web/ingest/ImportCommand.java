package dev.hindsight.web.ingest;

import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ConsoleProgress;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Imports files and folders (read recursively; the format is detected per file unless --format).",
        "Prints one JSON object: accepted, duplicates, skipped, rejected and the rejections with their reasons.",
        "Importing the same records again stores nothing twice: they count as duplicates."
}, footer = {
        "",
        "jsonl: one JSON object per line; csv: a header row with the same names.",
        "Fields: at (ISO-8601, required), title (required), id (dedup key; default: a",
        "hash of the record), source (default jsonl/csv), kind (default NOTE), text,",
        "service, host, location, actor, severity, labels (object; csv: labels.NAME).",
        "",
        "Exit codes: 0 the run finished (even with rejections); 1 no input at all",
        "could be read; 2 usage error; 3 the data directory is in use."
})
public class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Option(names = "--incident", paramLabel = "KEY", description = "Attach the imported events to this incident (created if missing).")
    String incident;

    @Option(names = "--provider", paramLabel = "NAME", description = "The records are statements of this outside provider, never our own communication.")
    String provider;

    @Option(names = "--format", paramLabel = "FMT", description = "Read every file as this format instead of detecting it.")
    String format;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", description = "IANA zone for timestamps that carry none (default: ${DEFAULT-VALUE}); such events record that the zone was assumed.")
    String zone;

    @Option(names = "--year", paramLabel = "YYYY", description = "Year for timestamps that carry none (RFC 3164 syslog, some IRC logs).")
    Integer year;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "2000", description = "Records per durable commit (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to import.")
    List<Path> paths;

    @Override
    public Integer call() {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "--zone: '" + zone + "' is not an IANA zone id (e.g. America/New_York)");
        }
        if (year != null && (year < 1970 || year > 2100)) {
            throw new ParameterException(spec.commandLine(), "--year: " + year + " is not a plausible year");
        }
        if (batchSize < 1 || batchSize > 50_000) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be between 1 and 50000");
        }
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            Imports imports = app.bean(Imports.class);
            if (format != null && !imports.formats().contains(format)) {
                throw new ParameterException(spec.commandLine(), "--format: unknown format '" + format
                        + "'; this build reads " + String.join(", ", imports.formats()));
            }
            ImportOptions options = new ImportOptions(incident, format, zoneId, year, provider, batchSize, null);
            ConsoleProgress console = new ConsoleProgress(System.err, System.console() != null);
            AtomicReference<ImportProgress> last = new AtomicReference<>();
            ImportReport report = imports.run(paths, options, Viewer.LOCAL_ADMIN, p -> {
                last.set(p);
                console.progress(p);
            });
            if (last.get() != null) {
                console.finish(last.get());
            }
            Json.print(spec.commandLine().getOut(), Imports.Summary.of(report));
            return report.inputRead() ? 0 : ExitCodes.FAILED;
        }
    }
}
