package dev.hindsight.ingest.support;

import dev.hindsight.ingest.spi.RetriableSourceException;
import dev.hindsight.ingest.spi.SourceDataException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * GET a JSON document from a source's API: rate limits (429, with Retry-After) and server errors are retriable,
 * other errors (bad credentials, wrong URL) are reported as they are. Redirects are not followed: a source's URL is
 * configured by an admin and must not bounce elsewhere.
 */
public final class HttpJson {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_BODY = 32 * 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public JsonNode get(URI uri, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status == 408 || status >= 500) {
            throw new RetriableSourceException("HTTP " + status + " from " + uri.getHost(),
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status != 200) {
            throw new IOException("HTTP " + status + " from " + uri.getHost() + uri.getPath()
                    + (status == 401 || status == 403 ? " (check the credentials)" : ""));
        }
        if (response.body().length > MAX_BODY) {
            throw new SourceDataException("the response is larger than " + (MAX_BODY >> 20) + " MiB");
        }
        return JsonSource.parse(response.body());
    }

    static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: fall back to our own backoff
        }
    }
}
