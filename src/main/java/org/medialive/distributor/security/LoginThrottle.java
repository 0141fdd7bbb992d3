package org.medialive.distributor.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password checks with a brake (login form and HTTP Basic alike): after
 * {@code distributor.limits.login-attempts} failures for one user name from one address, or
 * {@code distributor.login.address-attempts} from one address for any names, within the login
 * window, that pair or address is refused for the lockout time, right password or not.
 */
final class LoginThrottle implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginAttempts attempts;

    LoginThrottle(UserAccounts users, LoginAttempts attempts) {
        this.passwords = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.passwords.setPasswordEncoder(users.encoder());
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        // Spring's RequestContextFilter runs before the security filters, so the request is at hand
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? servlet.getRequest() : null;
        String address = attempts.addressOf(request);
        String user = attempt.getName();
        attempts.refuseIfLocked(user, address, request);
        try {
            Authentication result = passwords.authenticate(attempt);
            attempts.succeeded(user, address, request);
            return result;
        } catch (BadCredentialsException wrong) {
            attempts.failed(user, address, request);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return passwords.supports(type);
    }
}
