package org.medialive.distributor.monitoring;

import org.medialive.distributor.security.LiveConnections;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Serves {@link LiveUpdates} at /ws on the application's own port. {@link LiveConnections}
 * bounds the connections per user and closes them when that user's access ends.
 */
@Configuration
@EnableWebSocket
class LiveUpdatesConfig implements WebSocketConfigurer {

    private final LiveUpdates liveUpdates;
    private final LiveConnections connections;

    LiveUpdatesConfig(LiveUpdates liveUpdates, LiveConnections connections) {
        this.liveUpdates = liveUpdates;
        this.connections = connections;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(connections.track(liveUpdates), "/ws").addInterceptors(connections);
    }
}
