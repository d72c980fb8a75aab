package dev.hindsight.web.ingest;

import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ConsoleProgress;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
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

    @Mixin
    ServerOption serverOption;

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
        try {
            ZoneId.of(zone);
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
        try (Target target = Target.open(dataOption, serverOption)) {
            return target.call(this::inProcess, this::overHttp);
        }
    }

    private int inProcess(CliContext app) {
        Imports imports = app.bean(Imports.class);
        if (format != null && !imports.formats().contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format: unknown format '" + format
                    + "'; this build reads " + String.join(", ", imports.formats()));
        }
        ImportOptions options = new ImportOptions(incident, format, ZoneId.of(zone), year, provider, batchSize,
                null);
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

    /** The same import through a running server: the files uploaded in one request, the server's progress shown. */
    private int overHttp(ServerClient server) {
        List<Path> files = files();
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "incident", incident);
        put(fields, "provider", provider);
        put(fields, "format", format);
        put(fields, "zone", zone);
        put(fields, "year", year == null ? null : year.toString());
        JsonNode job = server.upload("/api/imports", "file", files, fields);
        String id = job.get("id").asString();
        ConsoleProgress console = new ConsoleProgress(System.err, System.console() != null);
        ImportProgress last = null;
        while (!job.get("status").asString().equals("DONE") && !job.get("status").asString().equals("FAILED")) {
            last = progress(job);
            if (last != null) {
                console.progress(last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the server imports (it goes on: GET /api/imports/"
                        + id + ")", e);
            }
            job = server.send("GET", "/api/imports/" + id, null);
        }
        if (last != null) {
            console.finish(progress(job) != null ? progress(job) : last);
        }
        if (job.get("status").asString().equals("FAILED")) {
            throw new IllegalStateException("the server's import failed: " + job.path("error").asString(""));
        }
        Json.print(spec.commandLine().getOut(), ServerClient.convert(job, Imports.Summary.class));
        return job.get("accepted").asLong() + job.get("duplicates").asLong() + job.get("skipped").asLong()
                + job.get("rejected").asLong() > 0 || files.isEmpty() ? 0 : ExitCodes.FAILED;
    }

    private static @org.jspecify.annotations.Nullable ImportProgress progress(JsonNode job) {
        JsonNode p = job.get("progress");
        if (p == null || p.isNull()) {
            return null;
        }
        return new ImportProgress(p.path("file").asString(""), p.path("filesDone").asInt(),
                p.path("filesTotal").asInt(),
                p.path("bytesDone").asLong(), p.path("bytesTotal").asLong(), p.path("committed").asLong(),
                job.path("accepted").asLong(), job.path("duplicates").asLong(), job.path("skipped").asLong(),
                job.path("rejected").asLong());
    }

    /** The files to send: folders read recursively, in name order, as an import on this machine would. */
    private List<Path> files() {
        List<Path> files = new java.util.ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new ParameterException(spec.commandLine(), "no such file or folder: " + p);
            }
        }
        return files;
    }

    private static void put(Map<String, String> fields, String name, @org.jspecify.annotations.Nullable String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }
}
