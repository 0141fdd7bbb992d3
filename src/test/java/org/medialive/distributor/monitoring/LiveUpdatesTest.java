package org.medialive.distributor.monitoring;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.control.ApiJson;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LiveUpdatesTest {

    private final ChannelService channels = mock(ChannelService.class);
    private final StatsSnapshot snapshot = new StatsSnapshot(channels);
    private final ApiJson json = spy(new ApiJson());
    private final LiveUpdates updates = new LiveUpdates(snapshot, json);

    @Test
    void buildsNoSnapshotMessageWhileNobodyIsConnected() {
        when(channels.list()).thenReturn(List.of());

        snapshot.refresh();

        verify(json, never()).write(any());
    }

    @Test
    void sendsEveryRefreshToAConnectedDashboard() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn("s1");
        when(session.isOpen()).thenReturn(true);
        updates.afterConnectionEstablished(session);

        snapshot.refresh();
        snapshot.refresh();

        verify(session, atLeastOnce()).sendMessage(any(TextMessage.class));
        verify(json, org.mockito.Mockito.times(3)).write(any()); // on connect, then each refresh
    }
}
