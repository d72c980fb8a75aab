package dev.hindsight.web.ingest;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.files.FileImports;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.search.incident.IncidentCatalog;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An import as users ask for it: with {@code --incident} the incident is created when missing (the importer must be
 * able to see one that exists) and, when it was, its window is fitted to the imported events afterwards.
 */
@Service
public class Imports {

    private final FileImports files;
    private final IncidentCatalog incidents;

    Imports(FileImports files, IncidentCatalog incidents) {
        this.files = files;
        this.incidents = incidents;
    }

    public ImportReport run(List<Path> paths, ImportOptions options, Viewer viewer, ImportProgress.Listener listener) {
        String incident = options.incidentKey();
        boolean created = incident != null && incidents.ensureForImport(incident, viewer);
        ImportReport report = files.importPaths(paths, options, viewer, listener);
        if (created && report.accepted() + report.duplicates() > 0) {
            incidents.fitWindowToEvents(incident, viewer);
        }
        return report;
    }

    /** Format names the importer knows. */
    public List<String> formats() {
        return files.formats();
    }

    /** The import JSON of the contract, exactly. */
    public record Summary(long accepted, long duplicates, long skipped, long rejected,
            List<ImportReport.Rejection> rejections) {
        public static Summary of(ImportReport r) {
            return new Summary(r.accepted(), r.duplicates(), r.skipped(), r.rejected(), r.rejections());
        }
    }
}
