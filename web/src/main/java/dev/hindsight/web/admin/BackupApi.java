package dev.hindsight.web.admin;

import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import dev.hindsight.core.store.DataRoot;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/backup} (admins): a backup of the running server, taken while ingest goes on, written to
 * {@code <data>/backups/<time>} (the caller does not choose the path: the API never writes where it is told).
 */
@RestController
class BackupApi {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Backups backups;
    private final AuditLog audit;
    private final Path data;
    private final Clock clock;

    BackupApi(Backups backups, AuditLog audit, DataRoot data, Clock clock) {
        this.backups = backups;
        this.audit = audit;
        this.data = data.path();
        this.clock = clock;
    }

    @PostMapping("/api/admin/backup")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> backup() throws IOException {
        Path target = data.resolve("backups").resolve(NAME.format(clock.instant()));
        Backups.Manifest manifest = backups.backup(target);
        audit.record(CurrentViewer.actor(), "backup", target.toString(), "success", manifest.events() + " events");
        return Map.of("path", target.toAbsolutePath().toString(), "manifest", manifest);
    }
}
