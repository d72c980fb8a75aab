package dev.hindsight.search.opensearch;

import dev.hindsight.core.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson3.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster's event index: the client, the index template (analysis that matches the embedded index token for
 * token), the alias every search and write goes through, and the versioned indexes behind it. A reindex builds
 * {@code <alias>-v<n+1>} beside the live one and swaps the alias in one atomic request.
 */
public final class OpenSearchIndex implements AutoCloseable {

    /**
     * The client reads each document out of the middle of a response, so what follows it is not an error (Jackson
     * 3 refuses trailing tokens by default).
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final OpenSearchProperties props;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;

    public OpenSearchIndex(OpenSearchProperties props) {
        this.props = props;
        HttpHost host = new HttpHost(props.url().getScheme(), props.url().getHost(), props.url().getPort());
        long timeoutMs = props.requestTimeout().toMillis();
        this.transport = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper(JSON))
                .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(timeoutMs, TimeUnit.MILLISECONDS))
                        .setConnectionRequestTimeout(Timeout.of(timeoutMs, TimeUnit.MILLISECONDS)))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.of(Math.min(timeoutMs, 2000),
                        TimeUnit.MILLISECONDS)))
                .build();
        this.client = new OpenSearchClient(transport);
    }

    OpenSearchClient client() {
        return client;
    }

    public String alias() {
        return props.alias();
    }

    /** The index holding the feed's checkpoint per versioned index (outside the template's pattern). */
    String checkpointIndex() {
        return props.alias() + "-feed";
    }

    /** Makes sure the template, a versioned index and the alias exist; idempotent, safe on every node at start. */
    public void ensure() {
        call(() -> {
            putTemplate();
            if (raw("HEAD", "/" + checkpointIndex(), null).getStatus() == 404) {
                // small and outside the template; as many replicas as the event indexes, so it stays green
                raw("PUT", "/" + checkpointIndex(), "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":"
                        + props.replicas() + "}}");
            }
            if (current().isEmpty()) {
                String first = props.alias() + "-v1";
                createIndex(first);
                swapAlias(null, first);
            }
            return null;
        });
    }

    /** The versioned index the alias points at now, if any. */
    public Optional<String> current() {
        return call(() -> {
            Response r = raw("GET", "/_alias/" + props.alias(), null);
            if (r.getStatus() == 404) {
                return Optional.<String>empty();
            }
            ObjectNode body = (ObjectNode) JSON.readTree(r.getBody().orElseThrow().bodyAsString());
            return body.propertyNames().stream().findFirst();
        });
    }

    /** Creates a versioned index from the template (with this installation's shard and replica counts). */
    public void createIndex(String name) {
        call(() -> {
            ObjectNode settings = JSON.createObjectNode();
            settings.put("number_of_shards", props.shards());
            settings.put("number_of_replicas", props.replicas());
            ObjectNode body = JSON.createObjectNode();
            body.set("settings", settings);
            Response r = raw("PUT", "/" + name, JSON.writeValueAsString(body));
            if (r.getStatus() >= 300 && !bodyOf(r).contains("resource_already_exists_exception")) {
                throw new IllegalStateException("creating index " + name + " failed: " + bodyOf(r));
            }
            return null;
        });
    }

    /** Points the alias at {@code to}, away from {@code from} if given, in one atomic request. */
    public void swapAlias(String from, String to) {
        call(() -> {
            String remove = from == null
                    ? ""
                    : "{\"remove\":{\"index\":\"" + from + "\",\"alias\":\"" + props.alias() + "\"}},";
            String actions = "{\"actions\":[" + remove + "{\"add\":{\"index\":\"" + to + "\",\"alias\":\""
                    + props.alias() + "\",\"is_write_index\":true}}]}";
            Response r = raw("POST", "/_aliases", actions);
            if (r.getStatus() >= 300) {
                throw new IllegalStateException("moving alias " + props.alias() + " to " + to + " failed: "
                        + bodyOf(r));
            }
            return null;
        });
    }

    /** Deletes a versioned index (after a reindex moved the alias off it) and its checkpoint. */
    public void deleteIndex(String name) {
        call(() -> {
            raw("DELETE", "/" + name, null);
            raw("DELETE", "/" + checkpointIndex() + "/_doc/" + name, null);
            return null;
        });
    }

    /** Makes everything written so far searchable now (tests and reindex; the feed relies on refresh_interval). */
    public void refresh() {
        refresh(props.alias());
    }

    /** Makes everything written to one index (or alias) searchable now. */
    void refresh(String name) {
        call(() -> raw("POST", "/" + name + "/_refresh", null));
    }

    /** Every versioned index, by name. */
    List<String> versions() {
        return call(() -> {
            Response r = raw("GET", "/" + props.alias() + "-v*/_settings/index.provided_name", null);
            if (r.getStatus() >= 300) {
                return List.<String>of();
            }
            ObjectNode body = (ObjectNode) JSON.readTree(r.getBody().orElseThrow().bodyAsString());
            return body.propertyNames().stream().sorted().toList();
        });
    }

    private void putTemplate() throws IOException {
        ObjectNode template;
        try (InputStream in = OpenSearchIndex.class.getResourceAsStream("/opensearch/event-index-template.json")) {
            if (in == null) {
                throw new IllegalStateException("opensearch/event-index-template.json is missing from the jar");
            }
            template = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putArray("index_patterns").add(props.alias() + "-v*");
        body.set("template", template);
        body.put("priority", 100);
        body.set("_meta", JSON.valueToTree(Map.of("managed_by", "hindsight")));
        Response r = raw("PUT", "/_index_template/" + props.alias(), JSON.writeValueAsString(body));
        if (r.getStatus() >= 300) {
            throw new IllegalStateException("the index template was refused: " + bodyOf(r));
        }
    }

    private Response raw(String method, String endpoint, String json) throws IOException {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (json != null) {
            request.json(json);
        }
        return client.generic().execute(request.build());
    }

    private static String bodyOf(Response r) {
        return r.getBody().map(b -> new String(b.bodyAsBytes(), StandardCharsets.UTF_8)).orElse("");
    }

    /** A call to the cluster; an unreachable cluster is "unavailable" (503 with Retry-After), not a server error. */
    <T> T call(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (OpenSearchException e) {
            if (e.status() >= 500) {
                throw unreachable(e);
            }
            throw e;
        }
    }

    StoreUnavailableException unreachable(Exception e) {
        return new StoreUnavailableException("search is unavailable: OpenSearch at " + props.url()
                + " cannot be reached (" + e.getClass().getSimpleName() + (e.getMessage() == null
                        ? ""
                        : ": "
                                + e.getMessage())
                + "); ingest goes on and the index catches up once it is back", e);
    }

    @FunctionalInterface
    interface IoCall<T> {
        T run() throws IOException;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
