package dev.hindsight.web.ingest;

import dev.hindsight.ingest.fileimport.FormatRegistry;
import dev.hindsight.ingest.pull.PullRunner;
import dev.hindsight.search.incident.Incidents;
import dev.hindsight.web.deadletters.DeadLetters;
import dev.hindsight.web.imports.ImportJobs;
import dev.hindsight.web.security.CurrentViewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The ingest page: pull sources and their lag, imports with their progress, an upload box, and dead letters. */
@Controller
class IngestPageController {

    private final PullRunner runner;
    private final ImportJobs jobs;
    private final DeadLetters deadLetters;
    private final FormatRegistry formats;
    private final Incidents incidents;

    IngestPageController(PullRunner runner, ImportJobs jobs, DeadLetters deadLetters, FormatRegistry formats,
            Incidents incidents) {
        this.runner = runner;
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.formats = formats;
        this.incidents = incidents;
    }

    @GetMapping("/ingest")
    String ingest(Model model) {
        var viewer = CurrentViewer.get();
        model.addAttribute("sources", runner.statuses());
        model.addAttribute("imports",
                jobs.recent().stream().filter(j -> viewer.admin() || j.user().equals(viewer.name())).toList());
        model.addAttribute("deadLetters", deadLetters.list(false, 100));
        model.addAttribute("formats", formats.formats());
        model.addAttribute("incidents", incidents.list(viewer));
        return "ingest";
    }
}
