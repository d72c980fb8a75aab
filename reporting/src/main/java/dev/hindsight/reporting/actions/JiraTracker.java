package dev.hindsight.reporting.actions;

import dev.hindsight.core.signature.Signatures;
import dev.hindsight.core.text.Texts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Jira's side of an action item (REST v2, basic auth with an account's e-mail and API token): creates its issue
 * ({@code POST /rest/api/2/issue}) and returns the key the item keeps, and sends later changes of summary, due date
 * and priority ({@code PUT /rest/api/2/issue/KEY}). Configured with {@code hindsight.reporting.jira.base-url},
 * {@code .project}, {@code .user}, {@code .token}; without them it says so.
 */
@Service
class JiraTracker {

    /** What Jira answers on creation. */
    record Created(String id, String key, String self) {}

    private final @Nullable String baseUrl;
    private final String project;
    private final String authorization;
    private final String webhookSecret;

    JiraTracker(JiraSettings settings) {
        this.webhookSecret = settings.webhookSecret();
        String baseUrl = settings.baseUrl();
        String project = settings.project();
        String user = settings.user();
        String token = settings.token();
        this.baseUrl = baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        this.project = project;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    boolean configured() {
        return baseUrl != null && !project.isBlank();
    }

    String webhookSecret() {
        return webhookSecret;
    }

    /** The page on the Jira site. */
    Optional<String> browseUrl(String key) {
        return baseUrl == null
                ? Optional.empty()
                : Optional.of(baseUrl + "/browse/" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    /**
     * Jira signs a webhook registered with a secret the WebSub way: {@code X-Hub-Signature: sha256=HEX}, the
     * HMAC-SHA256 of the raw body keyed by the secret. Without a secret configured every delivery is refused.
     */
    Optional<String> deliveryProblem(byte[] body, @Nullable String signature) {
        if (webhookSecret.isBlank()) {
            return Optional.of("Jira webhooks are not accepted here: set hindsight.reporting.jira.webhook-secret");
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            return Optional.of("the delivery is not signed (X-Hub-Signature: sha256=...)");
        }
        return Signatures.same("sha256=" + Signatures.hmacSha256Hex(webhookSecret, body),
                signature.strip().toLowerCase(Locale.ROOT))
                        ? Optional.empty()
                        : Optional.of("the delivery's signature does not match");
    }

    /** Sends the item's summary, due date and priority to its issue. */
    void update(ActionItem item) {
        if (!configured() || item.trackerKey() == null) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("summary", item.title());
        fields.put("duedate", item.dueDate() == null ? null : item.dueDate().toString());
        fields.put("priority", Map.of("name", ActionFeeds.jiraPriority(item.priority())));
        try {
            client().put().uri(URI.create(baseUrl + "/rest/api/2/issue/"
                    + java.net.URLEncoder.encode(item.trackerKey(), StandardCharsets.UTF_8)))
                    .header("Authorization", authorization)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("fields", fields))
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientResponseException e) {
            throw new TrackerException("Jira refused the change to " + item.trackerKey() + " (HTTP "
                    + e.getStatusCode().value() + "): " + Texts.clip(e.getResponseBodyAsString(), 300), e);
        } catch (org.springframework.web.client.ResourceAccessException e) {
            throw new TrackerException("Jira is unreachable at " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    private static RestClient client() {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(5));
        timeouts.setReadTimeout(Duration.ofSeconds(20));
        return RestClient.builder().requestFactory(timeouts).build();
    }

    /** Creates the issue and returns its key (e.g. OPS-42). */
    String create(ActionItem item) {
        if (!configured()) {
            throw new TrackerException(
                    "Jira is not configured: set hindsight.reporting.jira.base-url, .project, .user and .token");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", project));
        fields.put("summary", item.title());
        fields.put("description", (item.lesson() == null ? "" : "Lesson learned: " + item.lesson() + "\n\n")
                + "Action item " + item.id() + " from the post-mortem of " + item.incidentKey() + " ("
                + item.type().name().toLowerCase(Locale.ROOT)
                + ", owner " + (item.owner() == null ? "not set" : item.owner()) + ").");
        fields.put("issuetype", Map.of("name", "Task"));
        fields.put("priority", Map.of("name", ActionFeeds.jiraPriority(item.priority())));
        fields.put("labels", List.of("postmortem", item.incidentKey().replaceAll("[^A-Za-z0-9_-]", "-")));
        if (item.dueDate() != null) {
            fields.put("duedate", item.dueDate().toString());
        }
        try {
            Created created = client().post()
                    .uri(URI.create(baseUrl + "/rest/api/2/issue"))
                    .header("Authorization", authorization)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("fields", fields))
                    .retrieve()
                    .body(Created.class);
            if (created == null || created.key() == null) {
                throw new TrackerException("Jira answered without an issue key");
            }
            return created.key();
        } catch (RestClientResponseException e) {
            throw new TrackerException("Jira refused the issue (HTTP " + e.getStatusCode().value() + "): "
                    + Texts.clip(e.getResponseBodyAsString(), 300), e);
        } catch (org.springframework.web.client.ResourceAccessException e) {
            throw new TrackerException("Jira is unreachable at " + baseUrl + ": " + e.getMessage(), e);
        }
    }
}
