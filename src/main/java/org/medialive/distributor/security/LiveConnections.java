package org.medialive.distributor.security;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The open WebSockets (/ws) and whose they are: user, login session, API token. Bounds how
 * many one caller may hold, and closes a caller's when their access ends (user deleted,
 * password changed, logout, token revoked) with status 1008, policy violation.
 */
@Component
public class LiveConnections implements HandshakeInterceptor {

    private static final String USER = "distributor.user";
    private static final String HTTP_SESSION = "distributor.httpSession";
    private static final String TOKEN = "distributor.token";
    private static final String AUTHORISED_AT = "distributor.authorisedAt";
    /** Why a connection is closed when the access its attribute names ends. */
    private static final Map<String, String> ENDED = Map.of(USER, "this user's access changed",
            HTTP_SESSION, "logged out", TOKEN, "API token revoked");

    private final ApiTokens tokens;
    private final int perUser;
    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();
    private final RecentRevocations revoked = new RecentRevocations();

    LiveConnections(ApiTokens tokens, @Value("${distributor.limits.websockets-per-user:5}") int perUser) {
        this.tokens = tokens;
        this.perUser = perUser;
    }

    /** Wraps the handler so that every connection is known here while it is open. */
    public WebSocketHandler track(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                synchronized (LiveConnections.this) { // count and add together: parallel handshakes cannot overshoot
                    if (count(session.getAttributes().get(USER)) >= perUser) {
                        session.close(CloseStatus.POLICY_VIOLATION.withReason("too many live connections for this user"));
                        return;
                    }
                    String ended = endedSinceAuthorised(session);
                    if (ended != null) {
                        session.close(CloseStatus.POLICY_VIOLATION.withReason(ended));
                        return;
                    }
                    open.put(session.getId(), session);
                }
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                open.remove(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Principal caller = request.getPrincipal();
        if (caller == null) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        if (count(caller.getName()) >= perUser) {
            response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            return false;
        }
        attributes.put(USER, caller.getName());
        attributes.put(AUTHORISED_AT, System.nanoTime());
        if (request instanceof ServletServerHttpRequest servlet) {
            var session = servlet.getServletRequest().getSession(false);
            if (session != null && request.getHeaders().getFirst("Authorization") == null) {
                attributes.put(HTTP_SESSION, session.getId());
            }
            String authorization = servlet.getServletRequest().getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                tokens.find(authorization.substring(7).trim()).ifPresent(t -> attributes.put(TOKEN, t.id()));
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {
    }

    void closeUser(String user) {
        closeWhere(USER, user);
    }

    void closeHttpSession(String sessionId) {
        closeWhere(HTTP_SESSION, sessionId);
    }

    void closeToken(String tokenId) {
        closeWhere(TOKEN, tokenId);
    }

    /** Why the session's access ended after its handshake was authorised; null if it did not. */
    private String endedSinceAuthorised(WebSocketSession session) {
        long authorisedAt = (Long) session.getAttributes().get(AUTHORISED_AT);
        for (Map.Entry<String, String> access : ENDED.entrySet()) {
            Object id = session.getAttributes().get(access.getKey());
            if (id != null && revoked.endedSince(access.getKey() + ":" + id, authorisedAt)) {
                return access.getValue();
            }
        }
        return null;
    }

    private long count(Object user) {
        return open.values().stream().filter(s -> s.getAttributes().get(USER).equals(user)).count();
    }

    /**
     * Marks the access ended and closes its connections. The mark and the list are taken under
     * the lock, so that a connection being registered meanwhile either is listed here or sees the
     * mark; the closes happen outside it (one may wait for a send in progress).
     */
    private void closeWhere(String attribute, String id) {
        List<WebSocketSession> ending;
        synchronized (this) {
            revoked.ended(attribute + ":" + id);
            ending = open.values().stream().filter(s -> id.equals(s.getAttributes().get(attribute))).toList();
            ending.forEach(session -> open.remove(session.getId()));
        }
        for (WebSocketSession session : ending) {
            try {
                session.close(CloseStatus.POLICY_VIOLATION.withReason(ENDED.get(attribute)));
            } catch (IOException | IllegalStateException alreadyClosing) {
                // the connection is going away either way
            }
        }
    }
}
