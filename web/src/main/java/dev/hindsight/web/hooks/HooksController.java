package dev.hindsight.web.hooks;

import dev.hindsight.core.fault.FaultPoints;
import dev.hindsight.ingest.push.PushIntake;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks. Each answers 200 with the import JSON only after the delivery is committed; 400 when the body is not the
 * hook's format (the body is kept as a dead letter and the sender should not retry); 503 with Retry-After when the
 * store cannot take it (the sender retries, and re-delivery is a duplicate, never a second event).
 */
@RestController
class HooksController {

    private final PushIntake intake;
    private final AuditLog audit;
    private final List<String> pagerDutySecrets;

    HooksController(PushIntake intake, AuditLog audit,
            @Value("${hindsight.ingest.pagerduty.webhook-secrets:}") List<String> pagerDutySecrets) {
        this.intake = intake;
        this.audit = audit;
        this.pagerDutySecrets = pagerDutySecrets.stream().filter(s -> !s.isBlank()).toList();
    }

    @PostMapping("/hooks/{hook:alertmanager|grafana|statuspage|generic}")
    ResponseEntity<PushIntake.Outcome> receive(@PathVariable String hook,
            @RequestParam(required = false) @Nullable String provider,
            HttpServletRequest request) throws IOException {
        PushIntake.Hook kind = PushIntake.Hook.valueOf(hook.toUpperCase(java.util.Locale.ROOT));
        var stored = intake.receive(kind, body(request), "hook:" + hook + ":" + UUID.randomUUID(), context(provider));
        FaultPoints.reach(FaultPoints.HOOK_BEFORE_REPLY);
        return ResponseEntity.ok(stored);
    }

    /** PagerDuty signs its v3 webhooks; a valid signature or an API token is accepted. */
    @PostMapping("/hooks/pagerduty")
    ResponseEntity<?> pagerduty(
            @RequestHeader(name = "X-PagerDuty-Signature", required = false) @Nullable String signature,
            @RequestParam(required = false) @Nullable String provider, HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        if (!authenticated() && !validSignature(body, signature)) {
            // the body is not kept: only who sent it and a short hash to match it against the sender's logs
            audit.record("pagerduty", "webhook signature", "/hooks/pagerduty", "failure",
                    "from " + request.getRemoteAddr()
                            + ", body sha-256 " + dev.hindsight.core.event.EventId.contentHash(body).substring(0, 12));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    "send a valid X-PagerDuty-Signature or Authorization: Bearer <token>");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        return ResponseEntity.ok(intake.receive(PushIntake.Hook.PAGERDUTY, body, "hook:pagerduty:" + UUID.randomUUID(),
                context(provider)));
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(PushIntake.MAX_BODY + 1);
        }
    }

    private static DecodeContext context(@Nullable String provider) {
        return new DecodeContext(ZoneOffset.UTC, null, provider);
    }

    private static boolean authenticated() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }

    /** {@code v1=<hex HMAC-SHA256(secret, body)>}, possibly several comma-separated (secret rotation); constant-time. */
    boolean validSignature(byte[] body, @Nullable String header) {
        if (header == null || pagerDutySecrets.isEmpty()) {
            return false;
        }
        for (String secret : pagerDutySecrets) {
            byte[] expected = ("v1=" + HexFormat.of().formatHex(hmac(secret, body)))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String candidate : header.split(",")) {
                if (MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK ships HmacSHA256", e);
        }
    }
}
