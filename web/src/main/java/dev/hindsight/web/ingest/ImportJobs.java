package dev.hindsight.web.ingest;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DataRoot;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Uploaded imports, run one at a time in the background (they serialize on the store anyway). The files are staged
 * under {@code <data>/uploads/<id>/}, imported, then deleted: what matters is durable in the database by then, raw
 * records included. Job status lives in memory and is lost on restart; the imported events are not.
 */
@Service
public class ImportJobs implements DisposableBean {

    /** Finished jobs remembered for status queries. */
    static final int KEEP_FINISHED = 200;

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final Imports imports;
    private final Path uploads;
    private final Clock clock;
    /** Uploads decoded at once: one slow file (a PDF at its time budget) does not hold the others up. */
    static final int WORKERS = 2;

    private final ExecutorService worker = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "import-jobs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    ImportJobs(Imports imports, DataRoot data, Clock clock) {
        this.imports = imports;
        this.uploads = data.resolve("uploads");
        this.clock = clock;
    }

    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /** A job as the API shows it. */
    public record Job(
            String id,
            String user,
            Status status,
            List<String> files,
            Instant createdAt,
            @Nullable Instant finishedAt,
            @Nullable ImportProgress progress,
            Imports.@Nullable Summary result,
            @Nullable String error) {

        Job with(Status newStatus, @Nullable ImportProgress newProgress, Imports.@Nullable Summary newResult,
                @Nullable String newError, @Nullable Instant finished) {
            return new Job(id, user, newStatus, files, createdAt, finished, newProgress, newResult, newError);
        }
    }

    /** One uploaded file: a name as the client gave it, and its content. */
    public record Upload(String name, InputStream content) {}

    /** Stages the uploads and queues the import; returns the job. */
    public Job submit(Viewer viewer, List<Upload> files, ImportOptions options) {
        if (files.isEmpty()) {
            throw new InvalidInputException("no files in the upload");
        }
        String id = UUID.randomUUID().toString();
        Path dir = uploads.resolve(id);
        List<String> names;
        try {
            Files.createDirectories(dir);
            names = files.stream().map(f -> stage(dir, f)).toList();
        } catch (IOException | UncheckedIOException | InvalidInputException e) {
            deleteQuietly(dir);
            throw e instanceof InvalidInputException bad
                    ? bad
                    : new IllegalStateException("cannot stage the upload", e);
        }
        Job job = new Job(id, viewer.name(), Status.QUEUED, names, clock.instant(), null, null, null, null);
        update(job);
        worker.submit(() -> run(job, dir, options, viewer));
        return job;
    }

    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Newest first. */
    public List<Job> recent() {
        synchronized (jobs) {
            return jobs.values().stream().sorted(Comparator.comparing(Job::createdAt).reversed()).toList();
        }
    }

    private void run(Job queued, Path dir, ImportOptions options, Viewer viewer) {
        update(queued.with(Status.RUNNING, null, null, null, null));
        try {
            ImportReport report = imports.run(List.of(dir), options.namingRelativeTo(dir), viewer,
                    p -> find(queued.id()).ifPresent(j -> update(j.with(Status.RUNNING, p, null, null, null))));
            Job current = find(queued.id()).orElse(queued);
            update(current.with(Status.DONE, current.progress(), Imports.Summary.of(report), null, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Import {} failed: {}", queued.id(), e.toString());
            Job current = find(queued.id()).orElse(queued);
            update(current.with(Status.FAILED, current.progress(), null, e.getMessage(), clock.instant()));
        } finally {
            deleteQuietly(dir);
        }
    }

    private void update(Job job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
            if (jobs.size() > KEEP_FINISHED) {
                jobs.values().stream()
                        .filter(j -> j.status() == Status.DONE || j.status() == Status.FAILED)
                        .findFirst()
                        .ifPresent(oldest -> jobs.remove(oldest.id()));
            }
        }
    }

    /** Writes one upload below the job folder under a name that cannot escape it. */
    private static String stage(Path dir, Upload upload) {
        String name = safeName(upload.name());
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir)) {
            throw new InvalidInputException("file name '" + upload.name() + "' is not allowed");
        }
        try (InputStream in = upload.content()) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** The last path element, without characters a file system or a later reader could misread. */
    static String safeName(String clientName) {
        String base = clientName.replace('\\', '/');
        // keep what names carry meaning ("#ops.log" names a channel; dates, @ and + appear in exports), no more
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._\\-#@+=,()\\[\\] ]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "upload" + base;
        }
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover staging folder is harmless
        }
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
