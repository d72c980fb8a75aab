package dev.hindsight.ingest.files;

import dev.hindsight.core.incident.Viewer;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports files and folders for a viewer: every file's format detected by content (or forced), zips read in place,
 * every record given exactly one outcome, rejected ones kept as dead letters that replay as this import would have.
 */
public interface FileImports {

    /**
     * Imports the paths; events go to the incident the options name, which the viewer must be able to see.
     *
     * @throws dev.hindsight.core.error.NotFoundException when the incident does not exist or is hidden from the viewer
     */
    ImportReport importPaths(List<Path> paths, ImportOptions options, Viewer viewer, ImportProgress.Listener listener);

    /** Every format name a file or archive can be read as ({@code --format}). */
    List<String> formats();

    boolean knows(String format);
}
