package dev.hindsight.web.ingest;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.fault.FaultPoints;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.webhooks.Webhooks;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks, one route for every hook a source family declares. Each answers 200 with the import JSON only after the
 * delivery is committed; 400 when the body is not the hook's format (the body is kept as a dead letter and the sender
 * should not retry); 503 with Retry-After when the store cannot take it (the sender retries, and re-delivery is a
 * duplicate, never a second event). A sender that signs (PagerDuty) may come with its signature instead of a token.
 */
@RestController
class HooksController {

    private final Webhooks webhooks;
    private final AuditLog audit;

    HooksController(Webhooks webhooks, AuditLog audit) {
        this.webhooks = webhooks;
        this.audit = audit;
    }

    @PostMapping("/hooks/{hook}")
    ResponseEntity<?> receive(@PathVariable String hook, @RequestParam(required = false) @Nullable String provider,
            HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        Viewer sender = CurrentViewer.authenticated().orElse(null);
        if (sender == null) {
            // not signed in with a token: only a sender that signs, with a valid signature, may come in
            if (webhooks.signature(hook, headers(request), body) != Webhooks.Signature.VALID) {
                // the body is not kept: only who sent it and a short hash to match it against the sender's logs
                audit.record(hook, "webhook signature", "/hooks/" + hook, "failure",
                        "from " + request.getRemoteAddr() + ", body sha-256 "
                                + EventId.contentHash(body).substring(0, 12));
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemTypes.UNAUTHORIZED
                        .problem("send a valid signature or Authorization: Bearer <token>"));
            }
            sender = new Viewer(hook, false);
        }
        try {
            Webhooks.Outcome stored = webhooks.receive(hook, body, "hook:" + hook + ":" + UUID.randomUUID(), provider,
                    sender);
            FaultPoints.reach(FaultPoints.HOOK_BEFORE_REPLY);
            return ResponseEntity.ok(stored);
        } catch (Webhooks.MalformedBodyException e) {
            return ResponseEntity.badRequest().body(ProblemTypes.MALFORMED_BODY.problem(e.getMessage()));
        }
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(Webhooks.MAX_BODY + 1);
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        return headers;
    }
}
