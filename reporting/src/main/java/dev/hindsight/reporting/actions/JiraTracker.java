package dev.hindsight.reporting.actions;

import dev.hindsight.core.text.Texts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Creates a Jira issue for an action item (REST v2 {@code POST /rest/api/2/issue}, basic auth with an account's
 * e-mail and API token) and returns its key, which the item keeps as its tracker key. Configured with
 * {@code hindsight.reporting.jira.base-url}, {@code .project}, {@code .user}, {@code .token}; without them it says so.
 */
@Service
class JiraTracker {

    /** What Jira answers on creation. */
    record Created(String id, String key, String self) {}

    private final @Nullable String baseUrl;
    private final String project;
    private final String authorization;

    JiraTracker(JiraSettings settings) {
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
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(5));
        timeouts.setReadTimeout(Duration.ofSeconds(20));
        try {
            Created created = RestClient.builder().requestFactory(timeouts).build().post()
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
