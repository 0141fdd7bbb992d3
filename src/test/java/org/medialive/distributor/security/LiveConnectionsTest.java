package org.medialive.distributor.security;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LiveConnectionsTest {

    private final LiveConnections connections = new LiveConnections(mock(ApiTokens.class), 5);
    private final WebSocketHandler dashboard = mock(WebSocketHandler.class);
    private final WebSocketHandler tracked = connections.track(dashboard);

    /** A handshake of {@code user} authorised now; the session it will become. */
    private WebSocketSession authorised(String id, String user) {
        ServerHttpRequest request = mock(ServerHttpRequest.class);
        Principal caller = () -> user;
        when(request.getPrincipal()).thenReturn(caller);
        when(request.getHeaders()).thenReturn(new org.springframework.http.HttpHeaders());
        Map<String, Object> attributes = new HashMap<>();
        assertThat(connections.beforeHandshake(request, mock(ServerHttpResponse.class), dashboard, attributes)).isTrue();
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn(id);
        when(session.getAttributes()).thenReturn(attributes);
        return session;
    }

    @Test
    void aUserDeletedBetweenTheirHandshakeAndTheConnectionsStartHasItClosedToo() throws Exception {
        WebSocketSession late = authorised("late", "leaver");

        connections.closeUser("leaver"); // the open connections are closed: this one is not listed yet
        tracked.afterConnectionEstablished(late);

        verify(late).close(CloseStatus.POLICY_VIOLATION.withReason("this user's access changed"));
        verify(dashboard, never()).afterConnectionEstablished(any());
    }

    @Test
    void aHandshakeAuthorisedAfterTheEndIsNotRefusedForIt() throws Exception {
        connections.closeUser("returner"); // e.g. their password changed; they log in again
        WebSocketSession fresh = authorised("fresh", "returner");

        tracked.afterConnectionEstablished(fresh);

        verify(fresh, never()).close(any());
        verify(dashboard).afterConnectionEstablished(fresh);
    }

    @Test
    void anOpenConnectionIsClosedWhenItsUsersAccessEnds() throws Exception {
        WebSocketSession open = authorised("open", "viewer-1");
        tracked.afterConnectionEstablished(open);

        connections.closeUser("viewer-1");

        verify(open).close(CloseStatus.POLICY_VIOLATION.withReason("this user's access changed"));
    }
}
