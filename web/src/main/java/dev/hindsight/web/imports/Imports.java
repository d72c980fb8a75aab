package dev.hindsight.web.imports;

import dev.hindsight.ingest.fileimport.FileImporter;
import dev.hindsight.ingest.fileimport.ImportOptions;
import dev.hindsight.ingest.fileimport.ImportProgress;
import dev.hindsight.ingest.fileimport.ImportReport;
import dev.hindsight.search.incident.Incidents;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An import as users ask for it: with {@code --incident} the incident is created when missing and, when it was,
 * its window is fitted to the imported events afterwards.
 */
@Service
public class Imports {

    private final FileImporter importer;
    private final Incidents incidents;

    Imports(FileImporter importer, Incidents incidents) {
        this.importer = importer;
        this.incidents = incidents;
    }

    public ImportReport run(List<Path> paths, ImportOptions options, ImportProgress.Listener listener) {
        String incident = options.incidentKey();
        boolean created = incident != null && incidents.ensureExists(incident);
        ImportReport report = importer.importPaths(paths, options, listener);
        if (created && report.accepted() + report.duplicates() > 0) {
            incidents.fitWindowToEvents(incident);
        }
        return report;
    }

    /** The import JSON of the contract, exactly. */
    public record Summary(long accepted, long duplicates, long skipped, long rejected,
            List<ImportReport.Rejection> rejections) {
        public static Summary of(ImportReport r) {
            return new Summary(r.accepted(), r.duplicates(), r.skipped(), r.rejected(), r.rejections());
        }
    }
}
