package dev.hindsight.web.dashboard;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.analytics.Dashboard;
import dev.hindsight.reporting.analytics.Dashboards;
import dev.hindsight.reporting.analytics.Trends;
import dev.hindsight.web.security.CurrentViewer;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's numbers as JSON, beside every chart: the whole dashboard, and one trend at a time. */
@RestController
class DashboardApi {

    private final Dashboards dashboards;

    DashboardApi(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/dashboard")
    Dashboard dashboard() {
        return dashboards.dashboard(CurrentViewer.get());
    }

    /**
     * Median and p90 response times per month or quarter, for all incidents or by severity, service, team or cause.
     */
    @GetMapping("/api/dashboard/trends")
    List<Trends.Row> trends(@RequestParam(defaultValue = "month") String period,
            @RequestParam(defaultValue = "all") String by) {
        if (!period.equals("month") && !period.equals("quarter")) {
            throw new InvalidInputException("period is month or quarter, not \"" + period + "\"");
        }
        if (!Trends.DIMENSIONS.contains(by)) {
            throw new InvalidInputException("by is one of " + Trends.DIMENSIONS + ", not \"" + by + "\"");
        }
        Dashboard d = dashboards.dashboard(CurrentViewer.get());
        return (period.equals("quarter") ? d.quarterly() : d.monthly()).by(by);
    }
}
