package dev.hindsight.web.chat;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
 * The endpoints chat platforms call: {@code POST /chat/slack/commands} (the slash command), {@code POST
 * /chat/slack/actions} (the message shortcut) and {@code POST /chat/mattermost/commands}. No session or token: each
 * request proves its origin (Slack's signature over the raw body, Mattermost's command token) before anything is read
 * from it, and a request that cannot is answered 401 with nothing stored. Answers are the ephemeral reply both
 * platforms show only to the person who asked.
 */
@RestController
class ChatController {

    /** Slack's own limit for a slash command or interaction payload is far below this. */
    static final int MAX_BODY = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatProperties properties;
    private final ChatCommands commands;
    private final Clock clock;

    ChatController(ChatProperties properties, ChatCommands commands, Clock clock) {
        this.properties = properties;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(path = "/chat/slack/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> slackCommand(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        ResponseEntity<?> refused = slackRefusal(request, body);
        if (refused != null) {
            return refused;
        }
        Map<String, String> form = form(body);
        return reply(commands.command(new ChatRequest(ChatRequest.Platform.SLACK, form.getOrDefault("team_domain", ""),
                required(form, "channel_id"), form.getOrDefault("channel_name", ""), required(form, "user_name"),
                form.getOrDefault("text", ""), form.get("trigger_id"), null)));
    }

    @PostMapping(path = "/chat/slack/actions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> slackShortcut(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        ResponseEntity<?> refused = slackRefusal(request, body);
        if (refused != null) {
            return refused;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(required(form(body), "payload"));
        } catch (JacksonException e) {
            throw new InvalidInputException("the interaction payload is not JSON");
        }
        if (!"message_action".equals(payload.path("type").asString(""))) {
            return ResponseEntity.ok().build(); // other interactions are not ours to handle: acknowledge them
        }
        JsonNode message = payload.path("message");
        String teamDomain = payload.path("team").path("domain").asString("");
        String channelId = payload.path("channel").path("id").asString("");
        String ts = message.path("ts").asString(payload.path("message_ts").asString(""));
        if (channelId.isEmpty() || ts.isEmpty()) {
            throw new InvalidInputException("the shortcut's payload names no channel or message");
        }
        Instant at = slackTime(ts);
        String permalink = teamDomain.matches("[A-Za-z0-9-]{1,64}")
                ? "https://" + teamDomain + ".slack.com/archives/" + channelId + "/p" + ts.replace(".", "")
                : null;
        ChatRequest.Message picked = new ChatRequest.Message(ts, at, author(message), message.path("text").asString(""),
                permalink);
        return reply(commands.capture(new ChatRequest(ChatRequest.Platform.SLACK, teamDomain, channelId,
                payload.path("channel").path("name").asString(""), userName(payload.path("user")), "",
                payload.path("trigger_id").asString(null), picked)));
    }

    @PostMapping(path = "/chat/mattermost/commands", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> mattermostCommand(HttpServletRequest request) throws IOException {
        if (properties.mattermostTokens().isEmpty()) {
            throw new NotFoundException("Mattermost commands are not configured (hindsight.chat.mattermost-tokens)");
        }
        Map<String, String> form = form(body(request));
        String token = form.get("token");
        boolean known = token != null && properties.mattermostTokens().stream().anyMatch(t -> MessageDigest
                .isEqual(t.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)));
        if (!known) {
            return unauthorized("the request does not carry a Mattermost command token configured here");
        }
        return reply(commands.command(new ChatRequest(ChatRequest.Platform.MATTERMOST,
                form.getOrDefault("team_domain", ""), required(form, "channel_id"),
                form.getOrDefault("channel_name", ""), required(form, "user_name"), form.getOrDefault("text", ""),
                form.get("trigger_id"), null)));
    }

    private @Nullable ResponseEntity<?> slackRefusal(HttpServletRequest request, byte[] body) {
        if (!properties.slackEnabled()) {
            throw new NotFoundException("Slack commands are not configured (hindsight.chat.slack-signing-secret)");
        }
        String problem = SlackSignature.problem(properties.slackSigningSecret(),
                request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), body,
                clock.instant());
        return problem == null ? null : unauthorized(problem);
    }

    private static ResponseEntity<?> unauthorized(String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, reason);
        problem.setTitle("Not from the chat workspace");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<?> reply(String text) {
        return ResponseEntity.ok(Map.of("response_type", "ephemeral", "text", text));
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new InvalidInputException("the request is larger than " + MAX_BODY / 1024 + " KB");
            }
            return body;
        }
    }

    /** An application/x-www-form-urlencoded body, read after its signature was checked over the raw bytes. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("the form field '" + pair.substring(0, Math.min(eq < 0
                        ? pair.length()
                        : eq, 40)) + "' is not URL-encoded");
            }
        }
        return fields;
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("the request has no '" + name + "'");
        }
        return value;
    }

    /** A Slack ts is seconds and microseconds since the epoch, "1458170866.000004". */
    private static Instant slackTime(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException("the message's ts '" + ts + "' is not a Slack timestamp");
        }
    }

    /** The author as people know them: the profile's display name, real name or name; the user id at worst. */
    private static String author(JsonNode message) {
        JsonNode profile = message.path("user_profile");
        for (String field : new String[]{"display_name", "real_name", "name"}) {
            String value = profile.path(field).asString("");
            if (!value.isBlank()) {
                return value;
            }
        }
        String name = message.path("username").asString("");
        return name.isBlank() ? message.path("user").asString("someone") : name;
    }

    private static String userName(JsonNode user) {
        String name = user.path("username").asString(user.path("name").asString(""));
        return name.isBlank() ? user.path("id").asString("someone") : name;
    }
}
