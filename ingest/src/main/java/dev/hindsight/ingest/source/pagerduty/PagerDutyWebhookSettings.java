package dev.hindsight.ingest.source.pagerduty;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PagerDuty's v3 webhooks ({@code hindsight.ingest.pagerduty.*}).
 *
 * @param webhookSecrets the subscriptions' signing secrets: a delivery signed with any of them is PagerDuty's
 */
public record PagerDutyWebhookSettings(@DefaultValue List<String> webhookSecrets) {}
