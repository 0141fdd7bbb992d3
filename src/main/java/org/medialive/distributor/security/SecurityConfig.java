package org.medialive.distributor.security;

import jakarta.servlet.DispatcherType;
import org.medialive.distributor.DistributorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Pages: form login (session cookie, CSRF-protected). Scripts: HTTP Basic
 * or an API token. Viewers read; operators change channels and outputs; admins manage users,
 * tokens, the audit log, Hawtio and Jolokia (docs/OPERATIONS.md, "Security model"). Liveness
 * and readiness stay open for orchestrators; everything else needs a login.
 */
@Configuration
class SecurityConfig {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** The one way passwords are checked (login form and HTTP Basic), throttled. */
    @Bean
    AuthenticationManager authenticationManager(UserAccounts users, LoginAttempts attempts) {
        return new ProviderManager(new LoginThrottle(users, attempts));
    }

    /** A URL the firewall refuses (e.g. with "..") gets the API's error shape and the firewall's reason. */
    @Bean
    RequestRejectedHandler refusedUrls() {
        return (request, response, refused) -> JsonErrors.write(response, 400, "the URL was refused: " + refused.getMessage());
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, AuthenticationManager passwords, ApiTokens tokens, AuditTrail audit,
                                 ClientAddress clients, DistributorProperties properties, UserAccounts users,
                                 ActiveSessions sessions) throws Exception {
        RequestMatcher machines = anyOf("/api/**", "/actuator/**", "/ws");
        http.authenticationManager(passwords)
                .authorizeHttpRequests(access -> access
                        // the request was authorized when it came in; its error page or async completion is not a new one
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(anyOf("/actuator/health/liveness", "/actuator/health/readiness", "/login", "/default-ui.css", "/error"))
                        .permitAll()
                        .requestMatchers(anyOf("/actuator/hawtio/**", "/actuator/jolokia/**", "/api/tokens/**", "/api/tokens",
                                "/api/users/**", "/api/users", "/api/audit")).hasRole("ADMIN")
                        // every user may change their own password (the current one is checked)
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/me/password")).hasRole("VIEWER")
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/**"), PATHS.matcher(HttpMethod.HEAD, "/api/**"))
                        .hasRole("VIEWER")
                        .requestMatchers(PATHS.matcher("/api/**")).hasRole("OPERATOR")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(login -> login.successHandler(rememberLoginTime()))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout")
                        .addLogoutHandler((request, response, caller) -> sessions.loggedOut(request.getSession(false))))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(unauthorized(), machines)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .accessDeniedHandler(forbidden()))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfCookie())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        // CSRF forges requests that ride on a session cookie. Basic and bearer callers send
                        // credentials themselves, and a request without a session carries none to ride on
                        // (it gets its 401); the login form keeps its token.
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                                || request.getSession(false) == null && !request.getRequestURI().equals("/login")))
                // HSTS goes out on HTTPS answers only (Spring's default), i.e. when TLS is on
                .headers(headers -> headers.frameOptions(frames -> frames.sameOrigin())
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(false)))
                .addFilterBefore(new RequestSizeLimit(properties.limits().requestBody().toBytes()), BasicAuthenticationFilter.class)
                .addFilterBefore(new JolokiaGate(), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterBefore(new SessionGuard(users), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new AuditFilter(audit, clients), CsrfFilter.class)
                .addFilterAfter(new CallerIdentity(), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** The CSRF cookie: readable by the dashboard's script, sent to this site only; Secure over HTTPS (the default). */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    /** Notes when the session logged in, so that a later password change can end it ({@link SessionGuard}). */
    private static AuthenticationSuccessHandler rememberLoginTime() {
        SavedRequestAwareAuthenticationSuccessHandler toPage = new SavedRequestAwareAuthenticationSuccessHandler();
        toPage.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            request.getSession().setAttribute(SessionGuard.LOGIN_AT, System.currentTimeMillis());
            toPage.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static RequestMatcher anyOf(String... patterns) {
        return request -> {
            for (String pattern : patterns) {
                if (PATHS.matcher(pattern).matches(request)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, failure) -> {
            AuditFilter.noteRefusal(request, "not authenticated");
            // Bearer rather than Basic: browsers must not pop up a password dialog for the dashboard's calls
            response.setHeader("WWW-Authenticate", "Bearer realm=\"medialive-distributor\"");
            JsonErrors.write(response, 401, failure instanceof org.springframework.security.authentication.LockedException
                    ? failure.getMessage()
                    : "authentication required: log in at /login, or send HTTP Basic credentials or an API token (Authorization: Bearer ...)");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> {
            AuditFilter.noteRefusal(request, denied instanceof CsrfException ? "CSRF token missing or wrong" : "role too low");
            JsonErrors.write(response, 403,
                "this needs the operator role (the admin role for users, tokens, the audit log, Hawtio and Jolokia);"
                        + " your account does not have it"
                        + " (from the dashboard, a missing CSRF token also ends here: reload the page)");
        };
    }
}
