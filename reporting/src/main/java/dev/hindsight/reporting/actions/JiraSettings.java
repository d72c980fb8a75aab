package dev.hindsight.reporting.actions;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where action items become Jira issues ({@code hindsight.reporting.jira.*}): the site, the project key, and an account's
 * e-mail with its API token. Left empty, Jira is not used.
 *
 * @param baseUrl the Jira site, e.g. {@code https://example.atlassian.net}
 * @param project the key of the project issues are created in
 * @param user the e-mail of the account that creates them
 * @param token that account's API token
 * @param webhookSecret the secret of the Jira webhook that reports issue changes to {@code POST /hooks/jira}; empty
 *     to refuse every delivery there
 */
public record JiraSettings(@DefaultValue("") String baseUrl, @DefaultValue("") String project,
        @DefaultValue("") String user, @DefaultValue("") String token, @DefaultValue("") String webhookSecret) {}
