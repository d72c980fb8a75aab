package dev.hindsight.ingest.internal.pull;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.ingest.spi.PullKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a pull source added through the API may reach: only hosts on the allow list (so an API caller cannot make
 * the server fetch from inside its network) and only folders under the allowed roots (so it cannot read the server's
 * own files into events). Sources in application.properties are the operator's own and are not checked.
 */
public final class PullTargets {

    private final List<String> hosts;
    private final List<Path> folders;

    public PullTargets(List<String> hosts, List<String> folders) {
        this.hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.folders = folders.stream().filter(f -> !f.isBlank())
                .map(f -> Path.of(f.strip()).toAbsolutePath().normalize()).toList();
    }

    /** Refuses a source added through the API that would reach outside what the operator allowed. */
    void check(List<PullKind.Target> targets) {
        for (PullKind.Target target : targets) {
            switch (target) {
                case PullKind.Target.Url u -> url(u.url());
                case PullKind.Target.Host h -> host(h.host());
                case PullKind.Target.Folder f -> folder(f.path());
            }
        }
    }

    private void url(URI url) {
        if (url == null || url.getHost() == null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new InvalidInputException(
                    "the source URL must be an http(s) URL with a host, not \"" + url + "\"");
        }
        host(url.getHost());
    }

    /**
     * A host on the list (exactly, or under a "*.example.com" entry). A wildcard entry never admits an address inside
     * the server's network (loopback, private, link-local), whatever DNS says: only an exact entry can.
     */
    private void host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean exact = hosts.contains(h);
        boolean wildcard = hosts.stream().anyMatch(a -> a.startsWith("*.") && h.endsWith(a.substring(1)));
        if (!exact && !wildcard) {
            throw new InvalidInputException(
                    "host " + host + " is not in hindsight.ingest.pull.allowed-hosts " + hosts
                            + "; an admin adds it there first");
        }
        if (!exact) {
            try {
                for (InetAddress a : InetAddress.getAllByName(h)) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                            || a.isAnyLocalAddress()) {
                        throw new InvalidInputException("host " + host + " resolves to an internal address ("
                                + a.getHostAddress()
                                + "); list it exactly in hindsight.ingest.pull.allowed-hosts if that is intended");
                    }
                }
            } catch (UnknownHostException e) {
                throw new InvalidInputException("host " + host + " does not resolve");
            }
        }
    }

    private void folder(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (folders.stream().noneMatch(p::startsWith)) {
            throw new InvalidInputException(
                    "folder " + path + " is not under hindsight.ingest.pull.allowed-folders " + folders
                            + "; an admin adds its parent there first");
        }
    }
}
