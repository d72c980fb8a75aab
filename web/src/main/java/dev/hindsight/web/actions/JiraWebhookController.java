package dev.hindsight.web.actions;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.web.support.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /hooks/jira}: Jira's webhook reporting issue changes, signed with the shared secret
 * ({@code X-Hub-Signature}); the action item tracked by the issue follows its status. A delivery whose signature does
 * not hold gets 401 and changes nothing; one about an issue no item tracks, or an event other than an issue's creation
 * or update, is acknowledged and ignored (Jira would otherwise send it again).
 */
@RestController
class JiraWebhookController {

    /** Jira's issue payloads carry every field of the issue; a megabyte is far above any real one. */
    static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActionItems actions;
    private final AuditLog audit;

    JiraWebhookController(ActionItems actions, AuditLog audit) {
        this.actions = actions;
        this.audit = audit;
    }

    @PostMapping(path = "/hooks/jira", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> deliver(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new InvalidInputException("the delivery is larger than " + MAX_BODY / 1024 + " KB");
        }
        Optional<String> problem = actions.trackerDeliveryProblem(body, request.getHeader("X-Hub-Signature"));
        if (problem.isPresent()) {
            ProblemDetail refused = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, problem.get());
            refused.setTitle("Not from Jira");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(refused);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("the delivery is not JSON: " + e.getOriginalMessage());
        }
        String event = payload.path("webhookEvent").asString("");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", event);
        if (!event.equals("jira:issue_updated") && !event.equals("jira:issue_created")) {
            answer.put("ignored", "not an issue's creation or update");
            return ResponseEntity.ok(answer);
        }
        JsonNode issue = payload.path("issue");
        String key = issue.path("key").asString("");
        JsonNode status = issue.path("fields").path("status");
        String category = status.path("statusCategory").path("key").asString("");
        if (key.isEmpty() || category.isEmpty()) {
            throw new InvalidInputException("the delivery names no issue key or status category");
        }
        String resolution = issue.path("fields").path("resolution").path("name").asString(null);
        Optional<ActionItem> item = actions.trackerStatusChanged(key, category, resolution);
        answer.put("issue", key);
        answer.put("item", item.map(ActionItem::id).orElse(null));
        answer.put("status", item.map(i -> i.status().name()).orElse(null));
        item.ifPresent(i -> audit.record("jira", "tracker status", i.incidentKey() + "#" + i.id(), "success",
                key + " is " + status.path("name").asString(category) + "; the item is " + i.status()));
        return ResponseEntity.ok(answer);
    }
}
