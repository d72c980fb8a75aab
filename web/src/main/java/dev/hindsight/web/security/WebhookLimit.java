package dev.hindsight.web.security;

/**
 * How many webhook deliveries one sender may make per minute before it gets 429 ({@code hindsight.web.hooks-per-minute}).
 */
public record WebhookLimit(int perMinute) {}
