package org.medialive.distributor.monitoring;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves {@link LiveUpdates} at /ws on the application's own port. */
@Configuration
@EnableWebSocket
class LiveUpdatesConfig implements WebSocketConfigurer {

    private final LiveUpdates liveUpdates;

    LiveUpdatesConfig(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(liveUpdates, "/ws");
    }
}
