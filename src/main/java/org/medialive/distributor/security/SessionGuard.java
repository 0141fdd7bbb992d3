package org.medialive.distributor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a login session against the account on every request: a deleted user, or a
 * session older than the account's last password change, is logged out here. Because the
 * check reads users.json rather than a list of sessions, sessions Tomcat restores after a
 * restart are checked too. The session also takes the account's current role.
 */
final class SessionGuard extends OncePerRequestFilter {

    /** Session attribute: when the session logged in, epoch milliseconds (set by {@link SecurityConfig}). */
    static final String LOGIN_AT = "distributor.loginAt";

    private final UserAccounts users;

    SessionGuard(UserAccounts users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && request.getHeader("Authorization") == null
                && caller instanceof UsernamePasswordAuthenticationToken && caller.isAuthenticated()) {
            Optional<Role> role = users.sessionRole(caller.getName(), loginAt(session));
            if (role.isEmpty()) {
                SecurityContextHolder.clearContext();
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalid) {
                    // ended meanwhile: the same outcome
                }
            } else if (!new HashSet<>(caller.getAuthorities()).equals(new HashSet<>(role.get().authorities()))) {
                UsernamePasswordAuthenticationToken current = UsernamePasswordAuthenticationToken.authenticated(
                        caller.getPrincipal(), null, role.get().authorities());
                SecurityContextHolder.getContext().setAuthentication(current);
            }
        }
        chain.doFilter(request, response);
    }

    private static long loginAt(HttpSession session) {
        try {
            return session.getAttribute(LOGIN_AT) instanceof Long at ? at : 0L;
        } catch (IllegalStateException invalidated) {
            return Long.MIN_VALUE;
        }
    }
}
