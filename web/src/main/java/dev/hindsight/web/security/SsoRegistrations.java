package dev.hindsight.web.security;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one provider, read from its discovery document when someone first signs in rather than at start-up: a provider
 * that is down then delays sign-in through it, not the start of the server (and is tried again at the next sign-in).
 */
final class SsoRegistrations implements ClientRegistrationRepository {

    static final String ID = "sso";

    private final SsoProperties properties;
    private @Nullable ClientRegistration registration;

    SsoRegistrations(SsoProperties properties) {
        this.properties = properties;
    }

    @Override
    public synchronized @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        if (registration == null) {
            registration = ClientRegistrations.fromIssuerLocation(Objects.requireNonNull(properties.issuer()))
                    .registrationId(ID)
                    .clientId(Objects.requireNonNull(properties.clientId(), "hindsight.sso.client-id is required"))
                    .clientSecret(properties.clientSecret())
                    .scope(properties.scopes().contains("openid")
                            ? properties.scopes()
                            : java.util.stream.Stream.concat(java.util.stream.Stream.of("openid"),
                                    properties.scopes().stream()).toList())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .clientName(properties.name())
                    .build();
        }
        return registration;
    }
}
