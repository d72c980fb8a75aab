package dev.hindsight.web.cli;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running server's REST API as a command sees it: JSON in and out, the server's problem details turned back into
 * the errors (and exit codes) the command would have given in-process.
 */
public final class ServerClient {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final URI base;
    private final @Nullable String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ServerClient(URI base, @Nullable String token) {
        this.base = base;
        this.token = token;
    }

    static ServerClient to(String url, @Nullable String token) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new InvalidInputException("--server wants an http(s) URL such as http://localhost:8080, not " + url);
        }
        return new ServerClient(URI.create(u), token);
    }

    public URI base() {
        return base;
    }

    /** A path with its query: values are encoded, null and empty ones left out, lists repeated. */
    public static String path(String path, Map<String, ?> query) {
        List<String> parts = new ArrayList<>();
        query.forEach((k, v) -> {
            if (v instanceof Iterable<?> values) {
                values.forEach(x -> parts.add(k + "=" + enc(String.valueOf(x))));
            } else if (v != null && !String.valueOf(v).isEmpty()) {
                parts.add(k + "=" + enc(String.valueOf(v)));
            }
        });
        return parts.isEmpty() ? path : path + "?" + String.join("&", parts);
    }

    public <T> T get(String path, Class<T> type) {
        return JSON.readValue(send(request(path).GET()), type);
    }

    public <T> T get(String path, TypeReference<T> type) {
        return JSON.readValue(send(request(path).GET()), type);
    }

    public byte[] bytes(String path) {
        return send(request(path).GET());
    }

    public JsonNode send(String method, String path, @Nullable Object body) {
        byte[] json = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        byte[] answer = send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json)));
        return answer.length == 0 ? JSON.nullNode() : JSON.readTree(answer);
    }

    public <T> T send(String method, String path, @Nullable Object body, Class<T> type) {
        return JSON.treeToValue(send(method, path, body), type);
    }

    /**
     * Files uploaded as one multipart form (streamed from disk, never held in memory whole), with these other fields.
     */
    public JsonNode upload(String path, String field, List<Path> files, Map<String, String> fields) {
        String boundary = "hindsight-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n",
                StandardCharsets.UTF_8)));
        for (Path file : files) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + file.getFileName().toString().replace("\"", "_").replace("\r", "_").replace("\n", "_")
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n", StandardCharsets.UTF_8));
            try {
                parts.add(HttpRequest.BodyPublishers.ofFile(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n", StandardCharsets.UTF_8));
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        byte[] answer = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))));
        return JSON.readTree(answer);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return JSON.treeToValue(node, type);
    }

    public static <T> T convert(JsonNode node, TypeReference<T> type) {
        return JSON.readValue(JSON.writeValueAsBytes(node), type);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path : "/" + path))
                .timeout(Duration.ofMinutes(10)).header("Accept", "application/json, */*");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private byte[] send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new ServerUnreachableException("no server answers at " + base + " (is it running?)", e);
        } catch (IOException e) {
            throw new ServerUnreachableException("the server at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted while asking " + base, e);
        }
        int status = response.statusCode();
        if (status < 300) {
            return response.body();
        }
        String detail = detail(response.body(), status);
        switch (status) {
            case 400, 413, 422 -> throw new InvalidInputException(detail);
            case 401 -> throw new InvalidInputException("the server at " + base + " refused the token (" + detail
                    + "); set HINDSIGHT_TOKEN or run 'hindsight login --server " + base + "'");
            case 403 -> throw new InvalidInputException("the token may not do this: " + detail);
            case 404 -> throw new NotFoundException(detail);
            case 409 -> throw new ConflictException(detail);
            default -> throw new ServerUnreachableException("the server answered " + status + ": " + detail, null);
        }
    }

    private static String detail(byte[] body, int status) {
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asString();
            }
        } catch (RuntimeException e) {
            // not problem details: say what the status says
        }
        return "HTTP " + status;
    }

    /** A value as one path segment (an incident key with a slash stays one segment). */
    public static String segment(String value) {
        return enc(value).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The server could not be reached, or failed: the command fails (exit 1). */
    public static final class ServerUnreachableException extends RuntimeException {
        ServerUnreachableException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
