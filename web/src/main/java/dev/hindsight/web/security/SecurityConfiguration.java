package dev.hindsight.web.security;

import jakarta.servlet.http.HttpServletResponse;
import dev.hindsight.web.support.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two filter chains: webhooks are stateless and token-only; everything else takes a form-login session (UI) or a
 * bearer token (API). Only health and the login page are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /** Strict: no inline scripts or styles anywhere, so injected markup cannot run. */
    /**
     * Scripts and styles only from our own files. The browser libraries comply: vis-timeline's style injector is
     * switched off at build time (its stylesheet is served as a file) and ECharts draws its tooltips on the canvas.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * No Micrometer observation around each security filter: wrapping every filter of every request cost about a
     * tenth of an API search (profiled with ./benchmark --only api). Requests are still timed as a whole
     * ({@code http.server.requests}), and sign-ins and refusals are in the audit log.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService userDetailsService(Accounts accounts) {
        return username -> accounts.findUser(Accounts.normalise(username))
                .map(u -> User.withUsername(u.username())
                        .password(u.passwordHash())
                        .roles(u.role().name())
                        .disabled(!u.enabled())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /**
     * Chat platforms call with neither a session nor a token: each request proves its origin by its signature (Slack)
     * or command token (Mattermost), which the endpoint checks over the raw body before it reads anything else, so no
     * filter here may read the body first. Rate-limited like webhooks.
     */
    @Bean
    @Order(0)
    SecurityFilterChain chatChain(HttpSecurity http, WebhookRateLimit rateLimit) throws Exception {
        http.securityMatcher("/chat/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(rateLimit.filter(),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/chat/slack/commands",
                        "/chat/slack/actions", "/chat/mattermost/commands").permitAll().anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(problem401()));
        return http.build();
    }

    /**
     * With single sign-on, the session cookie is SameSite=Lax instead of Strict: the provider sends the browser back
     * from another site, and a Strict cookie would not come along, so the sign-in it started would be lost. Forms
     * keep their CSRF tokens either way.
     */
    @Bean
    DefaultCookieSerializerCustomizer ssoSessionCookie(SsoProperties sso) {
        return cookie -> {
            if (sso.enabled()) {
                cookie.setSameSite("Lax");
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain webhookChain(HttpSecurity http, Accounts accounts, AuditLog audit, WebhookRateLimit rateLimit)
            throws Exception {
        http.securityMatcher("/hooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(accounts, audit), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(rateLimit.filter(),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                // a token of a role that may write, or no token at all: a sender that signs (PagerDuty) proves itself
                // with its signature, which the endpoint checks (and refuses any other anonymous delivery)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/hooks/*")
                        .access((authentication, context) -> new AuthorizationDecision(
                                mayDeliver(authentication.get())))
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(problem401()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain application(HttpSecurity http, Accounts accounts, AuditLog audit, LoginThrottle throttle,
            SsoProperties sso) throws Exception {
        if (sso.enabled()) {
            http.oauth2Login(o -> o.loginPage("/login").failureHandler(SsoUsers.failureHandler())
                    .clientRegistrationRepository(new SsoRegistrations(sso))
                    .userInfoEndpoint(u -> u.oidcUserService(new SsoUsers(sso, accounts, audit))));
        }
        if (sso.localLoginOn()) {
            http.formLogin(form -> form.loginPage("/login").permitAll());
        }
        http.addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(accounts, audit), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SessionUserCheck(accounts),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        r -> BearerTokenFilter.hasBearer(r) || BearerTokenFilter.hasBasicToken(r)))
                .authorizeHttpRequests(a -> a.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/login", "/css/**", "/js/**", "/calendar/*",
                        "/vendor/**", "/favicon.ico", "/favicon.svg", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/incidents", "/incidents")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        .requestMatchers(HttpMethod.POST, "/api/imports")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        .requestMatchers("/api/audit/**", "/api/audit", "/api/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/ingest/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/ingest/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/dead-letters/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        .requestMatchers("/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        // ingest internals (rejected records, source settings) are for people who run ingest
                        .requestMatchers(HttpMethod.GET, "/api/dead-letters/**", "/api/dead-letters", "/api/ingest/**",
                                "/ingest")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        // the post-mortem is the commander's document: responders comment, commanders edit and publish
                        .requestMatchers(HttpMethod.PUT, "/api/incidents/*/postmortem", "/api/incidents/*/access")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        // so is the incident itself: its status, window, people and filing
                        .requestMatchers(HttpMethod.PATCH, "/api/incidents/*")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        .requestMatchers(HttpMethod.POST, "/incidents/*/edit", "/incidents/*/close",
                                "/incidents/*/reopen")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/postmortem/**",
                                "/incidents/*/postmortem/**", "/api/postmortem-templates")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        // reminders go out on the schedule; sending them now is for those who run the response
                        .requestMatchers(HttpMethod.POST, "/api/actions/remind")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name())
                        // everyone keeps their own password and tokens
                        .requestMatchers("/api/me", "/api/me/**", "/account", "/account/**")
                        .authenticated()
                        .requestMatchers("/admin/**")
                        .hasRole(Role.ADMIN.name())
                        // a saved search is the user's own; anyone signed in may keep some
                        .requestMatchers(HttpMethod.POST, "/api/saved-searches", "/search/saved",
                                "/search/saved/*/delete")
                        .authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/api/saved-searches/*")
                        .authenticated()
                        // whatever else changes something is for people who work incidents; viewers only read
                        .requestMatchers(HttpMethod.POST, "/api/**", "/incidents/**", "/actions/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        .requestMatchers(HttpMethod.PATCH, "/api/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.COMMANDER.name(), Role.RESPONDER.name())
                        .anyRequest()
                        .authenticated())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        problem401(), PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        return http.build();
    }

    /** Anonymous (the endpoint then wants a valid signature), or a token of a role that may write. */
    static boolean mayDeliver(@Nullable Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return true;
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals(Role.ADMIN.authority()) || a.equals(Role.COMMANDER.authority())
                        || a.equals(Role.RESPONDER.authority()));
    }

    private static AuthenticationEntryPoint problem401() {
        return (request, response, exception) -> FilterProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                "Unauthorized",
                "sign in, or send Authorization: Bearer <token> (hindsight token create)");
    }
}
