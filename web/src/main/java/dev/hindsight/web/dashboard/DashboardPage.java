package dev.hindsight.web.dashboard;

import dev.hindsight.core.text.Durations;
import dev.hindsight.reporting.analytics.Dashboard;
import dev.hindsight.reporting.analytics.Dashboards;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** The management dashboard over the incidents the viewer may see, and every number of it as a spreadsheet. */
@Controller
class DashboardPage {

    private final Dashboards dashboards;
    private final AuditLog audit;
    private final JsonMapper json;

    DashboardPage(Dashboards dashboards, AuditLog audit, JsonMapper json) {
        this.dashboards = dashboards;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        Dashboard d = dashboards.dashboard(CurrentViewer.get());
        model.addAttribute("dashboard", d);
        model.addAttribute("claims", d.providers().stream().flatMap(p -> p.claims().stream()).toList());
        model.addAttribute("dur", (Function<Long, String>) Durations::readableSeconds);
        // JSON inside a script element: '<' escaped so no text can close the element
        model.addAttribute("json",
                json.writeValueAsString(d).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
        return "dashboard";
    }

    @GetMapping("/dashboard.xlsx")
    ResponseEntity<byte[]> dashboardXlsx() {
        byte[] body = dashboards.xlsx(CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "export", "dashboard", "success", "xlsx");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ExportFormat.XLSX.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("hindsight-dashboard.xlsx").build().toString())
                .body(body);
    }
}
