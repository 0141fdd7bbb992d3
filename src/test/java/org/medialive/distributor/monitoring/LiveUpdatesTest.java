package org.medialive.distributor.monitoring;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.control.ApiJson;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LiveUpdatesTest {

    private final ChannelService channels = mock(ChannelService.class);
    private final DataPathDrops drops = new DataPathDrops();
    private final StatsSnapshot snapshot = new StatsSnapshot(channels, drops);
    private final ApiJson json = spy(new ApiJson());
    private final LiveUpdates updates = new LiveUpdates(snapshot, json, drops, Duration.ofMillis(300), DataSize.ofKilobytes(512),
            Duration.ofMinutes(1));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        updates.destroy();
    }

    private static WebSocketSession session(String id) {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn(id);
        when(session.isOpen()).thenReturn(true);
        return session;
    }

    @Test
    void buildsNoSnapshotMessageWhileNobodyIsConnected() {
        when(channels.list()).thenReturn(List.of());

        snapshot.refresh();

        verify(json, never()).write(any());
    }

    @Test
    void sendsEveryRefreshToAConnectedDashboard() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession session = session("s1");
        updates.afterConnectionEstablished(session);

        snapshot.refresh();
        snapshot.refresh();

        verify(session, timeout(2000).times(3)).sendMessage(any(TextMessage.class));
        verify(json, org.mockito.Mockito.times(3)).write(any()); // on connect, then each refresh
    }

    @Test
    void aClientWhoseSendFailsIsDroppedAndCountedAndTheOthersStillGetEveryMessage() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession broken = session("broken");
        doThrow(new IOException("Broken pipe")).when(broken).sendMessage(any());
        WebSocketSession healthy = session("healthy");
        updates.afterConnectionEstablished(broken);
        updates.afterConnectionEstablished(healthy);

        for (int i = 0; i < 3; i++) {
            snapshot.refresh();
        }

        verify(healthy, timeout(2000).times(4)).sendMessage(any(TextMessage.class));
        verify(broken, timeout(2000)).close(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(drops.websockets()).isEqualTo(1);
        assertThat(updates.connected()).isEqualTo(1);
    }

    @Test
    void aClientThatStopsReadingBlocksNobodyAndIsDroppedOnceItsSendPassesTheTimeLimit() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession stuck = session("stuck");
        doAnswer(invocation -> release.await(30, TimeUnit.SECONDS)).when(stuck).sendMessage(any());
        WebSocketSession healthy = session("healthy");
        updates.afterConnectionEstablished(stuck);
        updates.afterConnectionEstablished(healthy);

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            snapshot.refresh(); // the caller (the stats thread) is never held up by the stuck client
        }
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        verify(healthy, timeout(2000).times(6)).sendMessage(any(TextMessage.class));

        // the next message after the 300 ms send-time limit finds the stuck send and drops the client
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            snapshot.refresh();
            return drops.websockets() == 1;
        });
        verify(stuck, timeout(2000)).close(CloseStatus.SESSION_NOT_RELIABLE);
        verify(healthy, atLeast(7)).sendMessage(any(TextMessage.class));
        assertThat(updates.connected()).isEqualTo(1);
    }

    @Test
    void aClientWhoseTimedOutSendTomcatClosesFirstIsStillCountedOnce() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession stuck = session("tomcat-closed");
        // Tomcat's order when its blocking-send timeout fires: it closes the session (onClose with
        // 1006, so the client leaves our list) and only then throws to the sender
        doAnswer(invocation -> {
            updates.afterConnectionClosed(stuck, CloseStatus.NO_CLOSE_FRAME);
            throw new java.net.SocketTimeoutException("blocking send timed out");
        }).when(stuck).sendMessage(any());
        updates.afterConnectionEstablished(stuck);

        snapshot.refresh();

        await().atMost(Duration.ofSeconds(5)).until(() -> drops.websockets() == 1);
        snapshot.refresh();
        assertThat(drops.websockets()).isEqualTo(1);
        assertThat(updates.connected()).isZero();
    }

    @Test
    void aClientThatLeavesWhileASendIsUnderwayIsNotCountedAsDropped() throws Exception {
        when(channels.list()).thenReturn(List.of());
        WebSocketSession leaving = session("leaving");
        doAnswer(invocation -> {
            updates.afterConnectionClosed(leaving, CloseStatus.GOING_AWAY); // the tab was closed
            throw new IOException("Broken pipe");
        }).when(leaving).sendMessage(any());
        updates.afterConnectionEstablished(leaving);

        verify(leaving, timeout(2000)).sendMessage(any());
        // the failed send is handled on the sending thread right after; it must not count
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> drops.websockets() == 0);
        assertThat(updates.connected()).isZero();
    }

    @Test
    void eachClientGetsItsMessagesInTheOrderTheyHappened() throws Exception {
        when(channels.list()).thenReturn(List.of());
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebSocketSession session = session("ordered");
        doAnswer(invocation -> received.add(((TextMessage) invocation.getArgument(0)).getPayload()))
                .when(session).sendMessage(any());
        updates.afterConnectionEstablished(session);

        for (int i = 0; i < 200; i++) {
            updates.outputProblem(new org.medialive.distributor.output.OutputStatus.Problem("ch", "out", "problem " + i));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 201);
        assertThat(received.get(0)).contains("\"snapshot\"");
        for (int i = 0; i < 200; i++) {
            assertThat(received.get(i + 1)).contains("\"problem " + i + "\"");
        }
    }

    @Test
    void aClientWhoseSendsNeverBlockButWhoAnswersNoPingIsDroppedAndCountedAndOneThatAnswersStays() throws Exception {
        when(channels.list()).thenReturn(List.of());
        LiveUpdates pinging = new LiveUpdates(snapshot, json, drops, Duration.ofMinutes(1), DataSize.ofMegabytes(64),
                Duration.ofMillis(400));
        try {
            // the kernel takes everything sent to the silent one (megabytes of buffers), so no send blocks
            WebSocketSession silent = session("silent");
            WebSocketSession answering = session("answering");
            doAnswer(invocation -> {
                pinging.handleMessage(answering, new PongMessage());
                return null;
            }).when(answering).sendMessage(any(PingMessage.class));
            pinging.afterConnectionEstablished(silent);
            pinging.afterConnectionEstablished(answering);

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                snapshot.refresh();
                return drops.websockets() == 1;
            });
            verify(silent, timeout(2000)).close(CloseStatus.SESSION_NOT_RELIABLE);
            verify(silent, atLeast(2)).sendMessage(any(PingMessage.class));
            // a second of refreshes, over twice the pong timeout
            await("the answering client stays").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        snapshot.refresh();
                        return pinging.connected() == 1;
                    });
            verify(answering, never()).close(any());
            assertThat(drops.websockets()).isEqualTo(1);
        } finally {
            pinging.destroy();
        }
    }
}
