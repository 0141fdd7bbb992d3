package org.medialive.distributor.monitoring;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Bounds how long Tomcat lets one WebSocket send block on a client that does not read
 * (its default is 20 s): the send then fails and {@link LiveUpdates} closes the session.
 */
final class TomcatSendTimeout {

    /** Tomcat's per-session property (org.apache.tomcat.websocket.Constants.BLOCKING_SEND_TIMEOUT_PROPERTY). */
    static final String PROPERTY = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private TomcatSendTimeout() {
    }

    static void limit(WebSocketSession session, long millis) {
        if (session instanceof NativeWebSocketSession wrapper) {
            jakarta.websocket.Session tomcat = wrapper.getNativeSession(jakarta.websocket.Session.class);
            if (tomcat != null) {
                tomcat.getUserProperties().put(PROPERTY, millis);
            }
        }
    }
}
