package dev.hindsight.web.chat;

import dev.hindsight.core.signature.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signing, version 0: {@code v0=} and the hex HMAC-SHA256, keyed by the app's signing secret, of
 * {@code v0:TIMESTAMP:BODY}. A request older (or newer) than five minutes is refused, so a captured request cannot be
 * played again later.
 */
final class SlackSignature {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private SlackSignature() {}

    /** Why the request is refused, or null when it is Slack's. */
    static @Nullable String problem(String secret, @Nullable String timestamp, @Nullable String signature, byte[] body,
            Instant now) {
        if (timestamp == null || signature == null) {
            return "the request is not signed (X-Slack-Request-Timestamp and X-Slack-Signature are required)";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "the request's timestamp is not a number of seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return "the request's timestamp is more than five minutes away from now";
        }
        return Signatures.same(sign(secret, timestamp.strip(), body), signature.strip())
                ? null
                : "the request's signature does not match";
    }

    static String sign(String secret, String timestamp, byte[] body) {
        return "v0=" + Signatures.hmacSha256Hex(secret, ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8),
                body);
    }
}
