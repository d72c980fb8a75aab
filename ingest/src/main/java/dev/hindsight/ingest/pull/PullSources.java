package dev.hindsight.ingest.pull;

import dev.hindsight.core.incident.Viewer;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The sources Hindsight pulls from (PagerDuty, Slack, an IMAP mailbox, a status page, a watched folder): how each is
 * doing, and adding, removing and running them. Each resumes from a checkpoint stored with the events it read.
 */
public interface PullSources {

    /** Last run, lag, counts and last error of every source. */
    List<SourceStatus> statuses();

    /**
     * Adds a source with the same settings as the properties, once checked against the allowed hosts and folders;
     * returns its name ({@code kind:name}).
     */
    String add(String kind, JsonNode settings, Viewer by);

    /** @throws dev.hindsight.core.error.NotFoundException when there is no such source */
    void remove(String name);

    /** Runs one source now, on the calling thread. */
    SourceStatus run(String name);

    /** The kinds of source there are. */
    List<String> kinds();
}
