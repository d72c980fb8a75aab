package dev.hindsight.web.ingest;

import dev.hindsight.ingest.deadletters.DeadLetters;
import dev.hindsight.ingest.pull.PullSources;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.web.security.CurrentViewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The ingest page: pull sources and their lag, imports with their progress, an upload box, dead letters, and the
 * nodes serving this database with how far each one's search is behind.
 */
@Controller
class IngestPage {

    private final PullSources sources;
    private final ImportJobs jobs;
    private final DeadLetters deadLetters;
    private final Imports imports;
    private final IncidentCatalog incidents;
    private final StoreMaintenance maintenance;

    IngestPage(PullSources sources, ImportJobs jobs, DeadLetters deadLetters, Imports imports,
            IncidentCatalog incidents, StoreMaintenance maintenance) {
        this.maintenance = maintenance;
        this.sources = sources;
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.imports = imports;
        this.incidents = incidents;
    }

    @GetMapping("/ingest")
    String ingest(Model model) {
        var viewer = CurrentViewer.get();
        model.addAttribute("sources", sources.statuses());
        model.addAttribute("imports",
                jobs.recent().stream().filter(j -> viewer.admin() || j.user().equals(viewer.name())).toList());
        model.addAttribute("deadLetters", deadLetters.list(viewer, false, 100));
        model.addAttribute("formats", imports.formats());
        model.addAttribute("incidents", incidents.list(viewer));
        model.addAttribute("nodes", maintenance.nodes());
        model.addAttribute("sharedIndex", maintenance.sharedIndex().orElse(null));
        return "ingest";
    }
}
