package dev.hindsight.core.store;

/**
 * The position a pull source has durably reached, stored in the same transaction as the events read up to it.
 *
 * @param partition what is being read, e.g. {@code pagerduty:log_entries} or {@code imap:rfo@INBOX}
 * @param position the source-specific cursor, e.g. an ISO time, a Slack cursor, {@code uidvalidity:uid}
 */
public record Checkpoint(String partition, String position) {}
