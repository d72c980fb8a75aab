package dev.hindsight.web.admin;

import dev.hindsight.web.support.AuditLog;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the audit log, newest first (admins only). */
@RestController
class AuditApi {

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    List<AuditLog.Entry> recent(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(limit);
    }
}
