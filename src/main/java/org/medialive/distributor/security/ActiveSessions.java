package org.medialive.distributor.security;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a user's or a token's access now: their login sessions are invalidated (so Tomcat
 * does not keep them across a restart) and their WebSockets closed. Logging out closes
 * that session's WebSockets. A session that merely times out does not: a dashboard left
 * open on a wall makes no requests but its live feed, and must stay live. Sessions
 * restored after a restart are not listed here; {@link SessionGuard} refuses those at
 * their next request.
 */
@Component
public class ActiveSessions implements HttpSessionListener, HttpSessionIdListener {

    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final LiveConnections connections;

    ActiveSessions(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        sessions.put(event.getSession().getId(), event.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession().getId());
    }

    /** At logout, before the session is invalidated. */
    void loggedOut(HttpSession session) {
        if (session != null) {
            connections.closeHttpSession(session.getId());
        }
    }

    /** A login changes the session's id (against session fixation): follow it. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldId) {
        sessions.remove(oldId);
        sessions.put(event.getSession().getId(), event.getSession());
    }

    /** After a user is deleted or their password changed. */
    public void endUser(String user) {
        for (HttpSession session : List.copyOf(sessions.values())) {
            if (user.equals(userOf(session))) {
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalid) {
                    sessions.remove(session.getId());
                }
            }
        }
        connections.closeUser(user);
    }

    /** After an API token is revoked: requests with it already fail; its WebSockets close. */
    public void endToken(String tokenId) {
        connections.closeToken(tokenId);
    }

    private static String userOf(HttpSession session) {
        try {
            Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            return context instanceof SecurityContext security && security.getAuthentication() != null
                    ? security.getAuthentication().getName() : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
