package dev.hindsight.web.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --server URL}: run the command against a running server's REST API instead of a data directory (also
 * {@code HINDSIGHT_SERVER}); the token is {@code HINDSIGHT_TOKEN} or the one {@code hindsight login} stored.
 */
public class ServerOption {

    @Option(names = "--server", paramLabel = "URL", description = "A running server to ask instead of a data directory (default: $HINDSIGHT_SERVER; token: $HINDSIGHT_TOKEN or 'hindsight login').")
    @Nullable
    String server;

    /** The server asked for, if any. */
    public @Nullable String url() {
        if (server != null && !server.isBlank()) {
            return server.strip();
        }
        String env = System.getenv("HINDSIGHT_SERVER");
        return env == null || env.isBlank() ? null : env.strip();
    }
}
