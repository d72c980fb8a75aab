package dev.hindsight.web.search;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.cli.OutputFormat;
import dev.hindsight.web.cli.TimeArguments;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.unified.UnifiedSearch;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true, description = {
        "Searches events with Lucene query syntax (AND is the default operator; * matches everything);",
        "with --type, also incidents, post-mortem sections, action items, notes and review comments.",
        "Prints {\"total\", \"hits\": [{\"type\",\"id\",\"at\",\"source\",\"kind\",\"title\",\"snippet\",",
        "\"incident\",\"link\"}], \"facets\"}; records come before events.",
        "Snippets are HTML-escaped with matches in <mark>...</mark>."
}, footer = {
        "",
        "Fields: title, text, source, kind, service, host, severity, location, actor,",
        "incident, label (name=value). Examples:",
        "  search 'packet loss'",
        "  search '\"port speed\" AND host:lb*' --from 2014-08-12 --to 2014-08-13",
        "  search '*' --kind ALERT_FIRING --sort newest",
        "  search 'jitter' --type all",
        "  search 'failover' --type post-mortem --type action-item",
        "Refused (exit 2): leading wildcards (*foo), 1-letter prefixes, regexps over",
        "100 characters or too complex, over 1024 clauses, over the time budget."
})
public class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Mixin
    ServerOption serverOption;

    @Parameters(index = "0", paramLabel = "QUERY", description = "Lucene query; '*' for everything.")
    String query;

    @Option(names = "--from", paramLabel = "ISO", converter = TimeArguments.class, description = "Only events at or after this time.")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", converter = TimeArguments.class, description = "Only events at or before this time.")
    Instant to;

    @Option(names = "--incident", paramLabel = "KEY", description = "Only events attached to this incident.")
    String incident;

    @Option(names = "--source", paramLabel = "NAME", description = "Only events of this source (repeatable).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", description = "Only events of this kind (repeatable).")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--service", paramLabel = "NAME", description = "Only events of this service (repeatable).")
    List<String> services = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME", description = "Only events of this host (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", description = "What to search (repeatable): event (the default),"
            + " incident, post-mortem, action-item, annotation, comment, or all.")
    List<String> types = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "Hits to return, at most 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "Hits to skip (paging).")
    int offset;

    @Option(names = "--sort", defaultValue = "default", paramLabel = "ORDER", description = "relevance, time (oldest first), newest, or default (relevance with a query, time without).")
    String sort;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    /** The query the options ask for. */
    SearchQuery searchQuery() {
        return SearchQueries.of(query, from, to, incident, sources, kinds, services, hosts, limit, offset, sort);
    }

    /** The same search as the REST API's parameters. */
    private Map<String, Object> remoteQuery() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("q", query);
        p.put("from", from);
        p.put("to", to);
        p.put("incident", incident);
        p.put("source", sources);
        p.put("kind", kinds);
        p.put("service", services);
        p.put("host", hosts);
        p.put("type", wantedTypes());
        p.put("limit", limit);
        p.put("offset", offset);
        p.put("sort", sort);
        return p;
    }

    /** Events unless types are named; {@code all} is every type. */
    Set<String> wantedTypes() {
        return types.isEmpty()
                ? Set.of(UnifiedSearch.EVENT)
                : types.contains("all") ? Set.of() : SearchQueries.types(types);
    }

    @Override
    public Integer call() {
        SearchQuery q = searchQuery();
        try (Target target = Target.open(dataOption, serverOption)) {
            UnifiedSearch.Result result = target.call(
                    app -> app.bean(UnifiedSearch.class).search(q, wantedTypes(), Viewer.LOCAL_ADMIN),
                    server -> server.get(ServerClient.path("/api/search", remoteQuery()), UnifiedSearch.Result.class));
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                Json.print(out, result);
            } else {
                out.printf(Locale.ROOT, "%,d match%n", result.total());
                for (UnifiedSearch.Hit hit : result.hits()) {
                    out.printf(Locale.ROOT, "%s  %-12s %-17s %s%n", hit.at(),
                            hit.source() != null ? hit.source() : hit.type(),
                            hit.kind() != null ? hit.kind() : hit.incident(), hit.title());
                }
                out.flush();
            }
            return 0;
        }
    }
}
