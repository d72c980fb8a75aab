package dev.hindsight.web.cli;

import java.nio.file.Path;

/** Another Hindsight process (usually a running server) holds the data directory. */
public class DataDirectoryBusyException extends RuntimeException {
    public DataDirectoryBusyException(Path data) {
        super("the data directory " + data + " is in use by another Hindsight process (a running server?). "
                + "Stop it first, or do this through the server: its web UI or REST API (/api).");
    }
}
