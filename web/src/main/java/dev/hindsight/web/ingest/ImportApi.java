package dev.hindsight.web.ingest;

import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** File upload imports: {@code POST /api/imports} answers with a job; its progress and import JSON are at its URL. */
@RestController
class ImportApi {

    private final ImportJobs jobs;
    private final Imports imports;

    ImportApi(ImportJobs jobs, Imports imports) {
        this.jobs = jobs;
        this.imports = imports;
    }

    /**
     * The import JSON (counts so far, final once {@code status} is DONE) with the job's id, status and progress.
     */
    record ImportView(
            String id,
            ImportJobs.Status status,
            List<String> files,
            long accepted,
            long duplicates,
            long skipped,
            long rejected,
            List<ImportReport.Rejection> rejections,
            @Nullable Progress progress,
            @Nullable String error) {

        static ImportView of(ImportJobs.Job job) {
            Imports.Summary r = job.result();
            var p = job.progress();
            Progress progress = p == null
                    ? null
                    : new Progress(p.file(), p.filesDone(), p.filesTotal(), p.bytesDone(), p.bytesTotal(),
                            p.committed());
            if (r != null) {
                return new ImportView(job.id(), job.status(), job.files(), r.accepted(), r.duplicates(), r.skipped(),
                        r.rejected(), r.rejections(), progress, job.error());
            }
            return new ImportView(job.id(), job.status(), job.files(), p == null ? 0 : p.accepted(),
                    p == null ? 0 : p.duplicates(), p == null ? 0 : p.skipped(), p == null ? 0 : p.rejected(),
                    List.of(),
                    progress, job.error());
        }
    }

    record Progress(String file, int filesDone, int filesTotal, long bytesDone, long bytesTotal, long committed) {}

    @PostMapping("/api/imports")
    ResponseEntity<ImportView> upload(
            @RequestParam("file") List<MultipartFile> files,
            @RequestParam(required = false) @Nullable String incident,
            @RequestParam(required = false) @Nullable String provider,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(defaultValue = "UTC") String zone,
            @RequestParam(required = false) @Nullable Integer year) {
        if (format != null && !imports.formats().contains(format)) {
            throw new InvalidInputException(
                    "unknown format '" + format + "'; known: " + String.join(", ", imports.formats()));
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone '" + zone + "' is not an IANA zone id");
        }
        List<ImportJobs.Upload> uploads = new ArrayList<>();
        for (MultipartFile f : files) {
            try {
                uploads.add(new ImportJobs.Upload(f.getOriginalFilename() == null ? "upload" : f.getOriginalFilename(),
                        f.getInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ImportOptions options = new ImportOptions(incident, format, zoneId, year, provider,
                ImportOptions.DEFAULT_BATCH, null);
        ImportJobs.Job job = jobs.submit(CurrentViewer.get(), uploads, options);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + job.id())).body(ImportView.of(job));
    }

    @GetMapping("/api/imports/{id}")
    ImportView status(@PathVariable String id) {
        return jobs.find(id)
                .filter(j -> j.user().equals(CurrentViewer.get().name()) || CurrentViewer.get().admin())
                .map(ImportView::of)
                .orElseThrow(() -> new NotFoundException("no import " + id));
    }
}
