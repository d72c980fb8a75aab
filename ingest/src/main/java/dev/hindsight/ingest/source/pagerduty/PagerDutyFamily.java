package dev.hindsight.ingest.source.pagerduty;

import dev.hindsight.core.signature.Signatures;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import dev.hindsight.ingest.spi.WebhookMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PagerDuty: REST pages and webhook bodies saved as files, v3 webhooks (signed with the subscription's secret), and
 * the account's log entries pulled from the REST API.
 */
@Component
class PagerDutyFamily implements SourceFamily {

    private final List<String> secrets;

    PagerDutyFamily(PagerDutyWebhookSettings settings) {
        this.secrets = settings.webhookSecrets().stream().filter(s -> !s.isBlank()).toList();
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new PagerDutyDecoder());
    }

    @Override
    public List<WebhookMapping> webhooks() {
        return List.of(new WebhookMapping() {
            @Override
            public String hook() {
                return "pagerduty";
            }

            @Override
            public String format() {
                return "pagerduty";
            }

            @Override
            public Signature signature(Map<String, String> headers, byte[] body) {
                String header = headers.get("x-pagerduty-signature");
                if (header == null || secrets.isEmpty()) {
                    return Signature.NONE;
                }
                return valid(body, header) ? Signature.VALID : Signature.INVALID;
            }
        });
    }

    /** {@code v1=<hex HMAC-SHA256(secret, body)>}, possibly several comma-separated (secret rotation); constant-time. */
    boolean valid(byte[] body, String header) {
        for (String secret : secrets) {
            String expected = "v1=" + Signatures.hmacSha256Hex(secret, body);
            for (String candidate : header.split(",")) {
                if (Signatures.same(expected, candidate.strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<PullKind<?>> pullKinds() {
        return List.<PullKind<?>>of(PullKind.of("pagerduty", PagerDutyPullSettings.class,
                (s, context) -> new PagerDutyPull(s.name(), s.baseUrl(), s.token(),
                        s.start() != null ? s.start() : context.clock().instant().minus(Duration.ofDays(1)),
                        s.interval(), context.clock()),
                s -> List.of(new PullKind.Target.Url(s.baseUrl()))));
    }
}
