package dev.hindsight.web.security;

import dev.hindsight.web.support.AuditLog;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who someone is once the provider has vouched for them (Spring Security has checked the ID token's issuer, audience,
 * expiry and signature against the provider's keys): a Hindsight user of the name their claim gives, created at the
 * first sign-in, with the role their groups map to. A disabled user stays out; someone whose groups map to nothing
 * gets the default role, or is refused when there is none.
 */
final class SsoUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final SsoProperties properties;
    private final Accounts accounts;
    private final AuditLog audit;

    SsoUsers(SsoProperties properties, Accounts accounts, AuditLog audit) {
        this.properties = properties;
        this.accounts = accounts;
        this.audit = audit;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SsoUsers.class);

    /** Back to the sign-in page, which says why; the operator's log says it too. */
    static org.springframework.security.web.authentication.AuthenticationFailureHandler failureHandler() {
        var redirect = new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler(
                "/login?sso-error");
        return (request, response, exception) -> {
            LOG.warn("single sign-on failed: {}", exception.getMessage());
            redirect.onAuthenticationFailure(request, response, exception);
        };
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser vouched = provider.loadUser(request);
        String username = username(vouched);
        Role mapped = mappedRole(vouched.getClaim(properties.rolesClaim()));
        Accounts.User user;
        try {
            user = accounts.signInFromProvider(username, vouched.getEmail(), mapped, properties.fallbackRole());
        } catch (RuntimeException refused) {
            audit.record(username, "sign in", username, "denied", "single sign-on: " + refused.getMessage());
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", refused.getMessage(), null),
                    refused.getMessage(), refused);
        }
        audit.record(user.username(), "sign in", user.username(), "success", "single sign-on as " + user.role());
        return new Signed(Set.of(new SimpleGrantedAuthority(user.role().authority())), vouched, user.username());
    }

    private String username(OidcUser vouched) {
        for (String claim : List.of(properties.usernameClaim(), "email", "sub")) {
            Object value = vouched.getClaim(claim);
            if (value instanceof String s && Accounts.USERNAME.matcher(Accounts.normalise(s)).matches()) {
                return Accounts.normalise(s);
            }
        }
        throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user",
                "the provider named no user Hindsight can take (claims " + properties.usernameClaim()
                        + ", email, sub)",
                null));
    }

    private @Nullable Role mappedRole(@Nullable Object groups) {
        Collection<?> names = groups instanceof Collection<?> c
                ? c
                : groups instanceof String s
                        ? List.of(s)
                        : List.of();
        return names.stream().map(g -> properties.roles().get(String.valueOf(g))).filter(r -> r != null)
                .min(Comparator.naturalOrder()) // ADMIN is declared first: the highest role wins
                .orElse(null);
    }

    /** The provider's user under the Hindsight user name, with the Hindsight role. */
    static final class Signed extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;
        private final String username;

        Signed(Collection<? extends GrantedAuthority> authorities, OidcUser vouched, String username) {
            super(authorities, vouched.getIdToken(), vouched.getUserInfo());
            this.username = username;
        }

        @Override
        public String getName() { return username; }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Signed s && s.username.equals(username) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return Optional.of(username).hashCode() * 31 + super.hashCode();
        }
    }
}
