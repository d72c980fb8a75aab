package dev.hindsight.web.security;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hindsight.sso.*}: single sign-on with an OpenID Connect provider. Off until an issuer is named.
 *
 * @param issuer the provider's issuer URL (its discovery document is read from there at the first sign-in)
 * @param clientId the client id registered at the provider
 * @param clientSecret its secret
 * @param name what the sign-in button calls the provider
 * @param usernameClaim the claim that names the user (falling back to {@code email}, then {@code sub})
 * @param rolesClaim the claim that lists the user's groups
 * @param roles a group to role mapping ({@code hindsight.sso.roles.sre-leads=COMMANDER}); the highest role wins
 * @param defaultRole the role of a new user none of whose groups is mapped; {@code NONE} to refuse them
 * @param localLogin whether the user name and password form stays available beside the provider
 * @param scopes the scopes asked for ({@code openid} always)
 */
@ConfigurationProperties("hindsight.sso")
public record SsoProperties(
        @Nullable String issuer,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @DefaultValue("single sign-on") String name,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("groups") String rolesClaim,
        @DefaultValue Map<String, Role> roles,
        @DefaultValue("VIEWER") String defaultRole,
        @DefaultValue("true") boolean localLogin,
        @DefaultValue({
                "openid", "profile", "email"}) List<String> scopes) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    /** The role of someone whose groups map to none, or null when such people are refused. */
    public @Nullable Role fallbackRole() {
        if (defaultRole.isBlank() || defaultRole.strip().equalsIgnoreCase("NONE")) {
            return null;
        }
        return Role.parse(defaultRole).orElseThrow(() -> new IllegalArgumentException(
                "hindsight.sso.default-role must be ADMIN, COMMANDER, RESPONDER, VIEWER or NONE, not " + defaultRole));
    }

    /** Local sign-in is on when asked for, and always when there is no provider to sign in with. */
    public boolean localLoginOn() {
        return localLogin || !enabled();
    }
}
