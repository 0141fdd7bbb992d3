package org.medialive.distributor.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code distributor.login.*}: the login limits beyond the per-user ones in distributor.limits.
 *
 * @param addressAttempts failed logins from one address, whatever the user names, within
 *                        distributor.limits.login-window, after which the address is refused for login-lockout
 * @param tracked         most (user, address) pairs and addresses remembered; the least recently
 *                        seen are forgotten first, and each one forgotten is counted
 */
@ConfigurationProperties("distributor.login")
record LoginLimits(@DefaultValue("30") int addressAttempts, @DefaultValue("10000") int tracked) {
}
