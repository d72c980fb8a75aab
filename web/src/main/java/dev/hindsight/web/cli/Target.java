package dev.hindsight.web.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where a command runs: in-process on a data directory, or against a server's REST API. A command asks for a server
 * with {@code --server}; without it, a data directory held by a local server is reached through that server (its
 * address and a local token are in the data directory, readable by its owner only), never refused.
 */
public final class Target implements AutoCloseable {

    private final @Nullable CliContext local;
    private final @Nullable ServerClient remote;

    private Target(@Nullable CliContext local, @Nullable ServerClient remote) {
        this.local = local;
        this.remote = remote;
    }

    public static Target open(DataOption data, ServerOption server) {
        String url = server.url();
        if (url != null) {
            return new Target(null, ServerClient.to(url, Credentials.tokenFor(url)));
        }
        Path dir = data.resolve();
        try {
            return new Target(CliContext.open(dir), null);
        } catch (DataDirectoryBusyException busy) {
            return LocalServer.of(dir).map(s -> new Target(null, ServerClient.to(s.url(), s.token())))
                    .orElseThrow(() -> busy);
        }
    }

    /** The answer of whichever side runs the command. */
    public <T> T call(Function<CliContext, T> inProcess, Function<ServerClient, T> overHttp) {
        return local != null ? inProcess.apply(local) : overHttp.apply(remote);
    }

    public boolean remote() {
        return remote != null;
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }
}
