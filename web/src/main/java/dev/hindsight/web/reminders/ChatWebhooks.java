package dev.hindsight.web.reminders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a message to a chat channel's incoming webhook, in the payload each product publishes: Slack's and
 * Mattermost's {@code text} (their own link syntax), Microsoft Teams' Adaptive Card message. A busy or failing
 * webhook (429, 5xx, no answer) is tried again with a growing pause, a few times, within seconds: it never holds up
 * the rest of a run.
 */
@Component
class ChatWebhooks {

    static final int ATTEMPTS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration firstPause;

    ChatWebhooks() {
        this(Duration.ofMillis(500));
    }

    ChatWebhooks(Duration firstPause) {
        this.firstPause = firstPause;
    }

    /** A line of a message: words, and optionally a link with its label. */
    record Line(String text, String linkLabel, String url) {}

    /** The payload for the channel's product. */
    static Map<String, Object> payload(String type, String heading, List<Line> lines) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "slack" -> Map.of("text", "*" + heading + "*\n" + String.join("\n",
                    lines.stream().map(l -> "• " + slackEscape(l.text()) + " <" + l.url() + "|"
                            + slackEscape(l.linkLabel()) + ">")
                            .toList()));
            case "mattermost" -> Map.of("text", "#### " + heading + "\n" + String.join("\n",
                    lines.stream()
                            .map(l -> "- " + quiet(l.text()) + " [" + quiet(l.linkLabel()).replace("]", ")") + "]("
                                    + l.url() + ")")
                            .toList()));
            case "teams" -> Map.of("type", "message", "attachments", List.of(Map.of(
                    "contentType", "application/vnd.microsoft.card.adaptive",
                    "content", Map.of("$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                            "type", "AdaptiveCard", "version", "1.4",
                            "body", java.util.stream.Stream.concat(
                                    java.util.stream.Stream.of(Map.of("type", "TextBlock", "text", heading,
                                            "weight", "Bolder", "wrap", true)),
                                    lines.stream().map(l -> Map.of("type", "TextBlock", "wrap", true,
                                            "text", l.text() + " [" + l.linkLabel() + "](" + l.url() + ")")))
                                    .toList()))));
            default -> throw new IllegalArgumentException("unknown channel type '" + type
                    + "': slack, teams or mattermost");
        };
    }

    /** Sends it; returns null on success, else why not (after the retries). */
    String post(String url, Map<String, Object> payload) {
        byte[] body = JSON.writeValueAsBytes(payload);
        Duration pause = firstPause;
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    return null;
                }
                problem = "the webhook answered " + status;
                if (status != 429 && status < 500) {
                    return problem; // refused for good (a wrong URL, a removed hook): trying again will not help
                }
                pause = response.headers().firstValue("Retry-After").map(ChatWebhooks::seconds)
                        .filter(d -> d.compareTo(Duration.ofSeconds(5)) <= 0).orElse(pause);
            } catch (IOException e) {
                problem = "the webhook did not answer: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (IllegalArgumentException e) {
                return "not a URL: the channel's webhook address is wrong";
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
                pause = pause.multipliedBy(2);
            }
        }
        return problem + " (" + ATTEMPTS + " attempts)";
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** Words of an item never notify anyone: {@code @channel} in a title stays text. */
    private static String quiet(String s) {
        return s.replace("@", "@\u200B");
    }

    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "¦");
    }
}
