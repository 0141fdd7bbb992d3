package org.medialive.distributor.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medialive.distributor.DistributorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password checks with a brake: after {@code loginAttempts} failures for one user name
 * from one address within {@code loginWindow}, that pair is refused for {@code loginLockout},
 * right password or not. Guards the login form and HTTP Basic alike.
 */
final class LoginThrottle implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final DaoAuthenticationProvider passwords;
    private final int attempts;
    private final long windowMillis;
    private final long lockoutMillis;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginThrottle(UserAccounts users, DistributorProperties properties) {
        this.passwords = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.passwords.setPasswordEncoder(users.encoder());
        DistributorProperties.Limits limits = properties.limits();
        this.attempts = limits.loginAttempts();
        this.windowMillis = limits.loginWindow().toMillis();
        this.lockoutMillis = limits.loginLockout().toMillis();
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String key = attempt.getName() + "|" + (attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "?");
        long now = System.currentTimeMillis();
        Deque<Long> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.removeIf(t -> now - t > windowMillis);
            if (recent.size() >= attempts && now - recent.peekLast() < lockoutMillis) {
                long wait = Duration.ofMillis(lockoutMillis - (now - recent.peekLast())).toSeconds() + 1;
                throw new LockedException("too many failed logins for '" + attempt.getName() + "': try again in " + wait + " s");
            }
        }
        try {
            Authentication result = passwords.authenticate(attempt);
            failures.remove(key);
            return result;
        } catch (BadCredentialsException wrong) {
            synchronized (recent) {
                recent.addLast(now);
            }
            LOG.warn("Failed login for '{}' ({} in a row)", attempt.getName(), recent.size());
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return passwords.supports(type);
    }
}
