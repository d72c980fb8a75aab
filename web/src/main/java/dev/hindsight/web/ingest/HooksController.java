package dev.hindsight.web.ingest;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.fault.FaultPoints;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.webhooks.Webhooks;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks, one route for every hook a source family declares. Each answers 200 with the import JSON only after the
 * delivery is committed; 400 when the body is not the hook's format (the body is kept as a dead letter and the sender
 * should not retry); 503 with Retry-After when the store cannot take it (the sender retries, and re-delivery is a
 * duplicate, never a second event). A sender that signs (PagerDuty) may come with its signature instead of a token.
 *
 * <p>Deliveries come by the thousand a second, so the common answer skips two of Spring MVC's general steps, each a
 * tenth of a delivery's processor time in a profile of 16 senders (JFR, warm server): each declared hook's path is
 * registered as itself, since Spring looks an exact path up in a map but tries a pattern against every mapping of the
 * application; and the 200 is written straight to the response rather than through content negotiation.
 */
@RestController
class HooksController {

    private final Webhooks webhooks;
    private final AuditLog audit;
    private final JsonMapper json;

    HooksController(Webhooks webhooks, AuditLog audit, JsonMapper json) {
        this.webhooks = webhooks;
        this.audit = audit;
        this.json = json;
    }

    /** Spring MVC's mapping of annotated controllers (the actuator's endpoints have mappings of their own). */
    private static final String MVC_MAPPING = "requestMappingHandlerMapping";

    /** Each declared hook at its own path; the pattern below still answers for any other name (404). */
    @EventListener(ApplicationStartedEvent.class)
    void registerDeclaredHooks(ApplicationStartedEvent started) throws NoSuchMethodException {
        var context = started.getApplicationContext();
        if (!(context.containsBean(MVC_MAPPING)
                && context.getBean(MVC_MAPPING) instanceof RequestMappingHandlerMapping mapping)) {
            return; // a command, not a server
        }
        Method receive = HooksController.class.getDeclaredMethod("receiveDeclared", String.class,
                HttpServletRequest.class, HttpServletResponse.class);
        for (String hook : webhooks.hooks()) {
            mapping.registerMapping(RequestMappingInfo.paths("/hooks/" + hook).methods(RequestMethod.POST)
                    .options(mapping.getBuilderConfiguration()).build(), this, receive);
        }
    }

    /** A declared hook at its own path (registered above): the hook is the path's last segment. */
    @Nullable
    ResponseEntity<?> receiveDeclared(@RequestParam(required = false) @Nullable String provider,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return receive(path.substring(path.lastIndexOf('/') + 1), provider, request, response);
    }

    /** Null once the 200 is written. */
    @PostMapping("/hooks/{hook}")
    @Nullable
    ResponseEntity<?> receive(@PathVariable String hook, @RequestParam(required = false) @Nullable String provider,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
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
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), stored);
            return null;
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
