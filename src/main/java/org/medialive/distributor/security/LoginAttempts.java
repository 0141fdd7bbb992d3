package org.medialive.distributor.security;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.medialive.distributor.DistributorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * What {@link LoginThrottle} remembers, in bounded memory: failures per (user name, address),
 * which lock that pair, and failures per address whatever the name, which lock the address (one
 * client trying many names). Every failure, lockout and form login goes to the log (names made
 * {@linkplain LogSafeText log-safe}) and the audit trail.
 */
@Component
class LoginAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(LoginAttempts.class);
    /** Request attribute: this request's refusal is in the audit already. */
    static final String AUDITED = LoginAttempts.class.getName() + ".audited";

    private final int userAttempts;
    private final int addressAttempts;
    private final long lockoutMillis;
    private final FailureWindows pairs;
    private final FailureWindows addresses;
    private final ClientAddress clients;
    private final AuditTrail audit;

    LoginAttempts(DistributorProperties properties, LoginLimits limits, ClientAddress clients, AuditTrail audit, MeterRegistry meters) {
        DistributorProperties.Limits userLimits = properties.limits();
        this.userAttempts = userLimits.loginAttempts();
        this.addressAttempts = limits.addressAttempts();
        this.lockoutMillis = userLimits.loginLockout().toMillis();
        long window = userLimits.loginWindow().toMillis();
        this.pairs = new FailureWindows(limits.tracked(), userAttempts, window);
        this.addresses = new FailureWindows(limits.tracked(), addressAttempts, window);
        this.clients = clients;
        this.audit = audit;
        FunctionCounter.builder("distributor.login.throttle.forgotten", this, t -> t.pairs.evictions() + t.addresses.evictions())
                .description("Login failure records dropped to keep the throttle's memory bounded (distributor.login.tracked)")
                .register(meters);
        Gauge.builder("distributor.login.throttle.tracked", this, t -> t.pairs.size() + t.addresses.size())
                .description("User/address pairs and addresses with recent failed logins").register(meters);
    }

    String addressOf(HttpServletRequest request) {
        return request == null ? "unknown" : clients.of(request);
    }

    /** Throws if this user name or this address is locked out now. */
    void refuseIfLocked(String user, String address, HttpServletRequest request) {
        long now = System.currentTimeMillis();
        long wait = Math.max(pairs.lockedFor(pair(user, address), userAttempts, lockoutMillis, now),
                addresses.lockedFor(address, addressAttempts, lockoutMillis, now));
        if (wait > 0) {
            LOG.info("Login refused for {} from {}: locked out for {} s more", LogSafeText.quoted(user), address, wait / 1000 + 1);
            record(request, user, address, "login refused: locked out", 401);
            throw new LockedException("too many failed logins: try again in " + (wait / 1000 + 1) + " s");
        }
    }

    void failed(String user, String address, HttpServletRequest request) {
        long now = System.currentTimeMillis();
        int forUser = pairs.add(pair(user, address), now);
        int fromAddress = addresses.add(address, now);
        LOG.warn("Failed login for {} from {} ({} for this name, {} from this address)", LogSafeText.quoted(user), address, forUser, fromAddress);
        record(request, user, address, "login failed", 401);
        if (forUser == userAttempts || fromAddress == addressAttempts) {
            String what = forUser == userAttempts ? "user " + LogSafeText.quoted(user) + " from " + address : "address " + address;
            LOG.warn("Lockout of {} for {} s after too many failed logins", what, lockoutMillis / 1000);
            record(request, user, address, "lockout of " + (forUser == userAttempts ? "user" : "address"), 401);
        }
    }

    void succeeded(String user, String address, HttpServletRequest request) {
        pairs.clear(pair(user, address));
        // Basic and token callers authenticate on every request: only a form login is a login worth a line
        if (request != null && "POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI())) {
            LOG.info("Login of {} from {}", LogSafeText.quoted(user), address);
            audit.record(new AuditTrail.Who(user, null, address), "login", 200);
        }
    }

    private void record(HttpServletRequest request, String user, String address, String action, int status) {
        audit.record(new AuditTrail.Who(user, null, address), action, status);
        if (request != null) {
            request.setAttribute(AUDITED, Boolean.TRUE);
        }
    }

    private static String pair(String user, String address) {
        return (user == null ? "" : user.substring(0, Math.min(user.length(), 256))) + "\n" + address;
    }
}
