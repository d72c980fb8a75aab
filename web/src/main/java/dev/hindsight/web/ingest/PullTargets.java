package dev.hindsight.web.ingest;

import dev.hindsight.ingest.pull.PullProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a pull source added through the API may reach: only hosts on the allow list (so an API caller cannot make
 * the server fetch from inside its network) and only folders under the allowed roots (so it cannot read the server's
 * own files into events). Sources in application.properties are the operator's own and are not checked.
 */
@Component
class PullTargets {

    private final List<String> hosts;
    private final List<Path> folders;

    PullTargets(@Value("${hindsight.ingest.pull.allowed-hosts:api.pagerduty.com,slack.com}") List<String> hosts,
            @Value("${hindsight.ingest.pull.allowed-folders:}") List<String> folders) {
        this.hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.folders = folders.stream().filter(f -> !f.isBlank())
                .map(f -> Path.of(f.strip()).toAbsolutePath().normalize()).toList();
    }

    void check(Object config) {
        switch (config) {
            case PullProperties.PagerDuty p -> url(p.baseUrl());
            case PullProperties.Slack s -> url(s.baseUrl());
            case PullProperties.Statuspage s -> url(s.url());
            case PullProperties.Imap i -> host(i.host());
            case PullProperties.Folder f -> folder(f.path());
            default -> throw new IllegalArgumentException("unknown source settings");
        }
    }

    private void url(URI url) {
        if (url == null || url.getHost() == null
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException(
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
            throw new IllegalArgumentException(
                    "host " + host + " is not in hindsight.ingest.pull.allowed-hosts " + hosts
                            + "; an admin adds it there first");
        }
        if (!exact) {
            try {
                for (InetAddress a : InetAddress.getAllByName(h)) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                            || a.isAnyLocalAddress()) {
                        throw new IllegalArgumentException("host " + host + " resolves to an internal address ("
                                + a.getHostAddress()
                                + "); list it exactly in hindsight.ingest.pull.allowed-hosts if that is intended");
                    }
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("host " + host + " does not resolve");
            }
        }
    }

    private void folder(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (folders.stream().noneMatch(p::startsWith)) {
            throw new IllegalArgumentException(
                    "folder " + path + " is not under hindsight.ingest.pull.allowed-folders " + folders
                            + "; an admin adds its parent there first");
        }
    }
}
