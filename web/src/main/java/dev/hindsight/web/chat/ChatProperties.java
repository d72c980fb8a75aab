package dev.hindsight.web.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hindsight.chat.*}: the secrets that prove a request came from the chat workspace. A platform without its
 * secret is switched off (its endpoint answers 404).
 *
 * @param slackSigningSecret the Slack app's signing secret (Basic Information, App Credentials)
 * @param mattermostTokens the tokens Mattermost generated for the slash commands that point here
 */
@ConfigurationProperties("hindsight.chat")
public record ChatProperties(@Nullable String slackSigningSecret, @DefaultValue List<String> mattermostTokens) {

    boolean slackEnabled() {
        return slackSigningSecret != null && !slackSigningSecret.isBlank();
    }
}
