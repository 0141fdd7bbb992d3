package org.medialive.distributor.channel;

import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.ingest.IngestBootstrap;

/** The "bootstrap" bean of an ingest route (routes/channel-ingest.camel.yaml): what opens its socket. */
final class InputBootstraps {

    private InputBootstraps() {
    }

    /**
     * A new one per route (each keeps the socket it opens). A multicast input is bound to its group
     * and joined from its single source addresses when it names only such ({@link InputDefinition#joinedSources});
     * a unicast input's socket is camel-netty's own.
     */
    static IngestBootstrap of(InputDefinition input, RouteTemplates routes, String routeId) {
        return new IngestBootstrap(() -> routes.consumer(routeId), input.joinedSources());
    }
}
