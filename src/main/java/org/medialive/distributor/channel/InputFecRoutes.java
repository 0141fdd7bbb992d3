package org.medialive.distributor.channel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.ingest.ChannelReceiver;
import org.medialive.distributor.ingest.FecDatagramHandler;
import org.medialive.distributor.ingest.IngestEventLoops;
import org.medialive.distributor.ingest.fec.FecCounters;
import org.medialive.distributor.DistributorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two extra routes of an input with {@code "fec": true}: column FEC on port + 2 and row FEC
 * on port + 4, made from the same ingest template as the media (same address, group and
 * interface; the receiver applies the same source filter). A FEC port that cannot be opened is
 * a warning, never an input error: the media still flows, only unprotected.
 */
final class InputFecRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelInput.class);
    private static final List<Integer> OFFSETS = List.of(2, 4);

    private final String channelId;
    private final RouteTemplates routes;
    private final DistributorProperties properties;
    private volatile String problem;

    InputFecRoutes(String channelId, RouteTemplates routes, DistributorProperties properties) {
        this.channelId = channelId;
        this.routes = routes;
        this.properties = properties;
    }

    void start(InputDefinition input, ChannelReceiver receiver) {
        problem = null;
        if (!input.fecEnabled()) {
            return;
        }
        for (int offset : OFFSETS) {
            int port = input.port() + offset;
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("channel", channelId);
            parameters.put("address", input.listenAddress());
            parameters.put("port", port);
            parameters.put("networkInterface", input.networkInterface() == null ? "lo" : input.networkInterface());
            parameters.put("receiveBufferBytes", properties.ingest().receiveBuffer().toBytes());
            FecDatagramHandler handler = new FecDatagramHandler(receiver);
            try {
                routes.add("channel-ingest", routeId(offset), parameters, Map.of("receiver", handler, "handler", handler,
                        "eventLoops", IngestEventLoops.shared(properties.ingest()), "bootstrap", InputBootstraps.of(input, routes, routeId(offset))));
            } catch (RuntimeException e) {
                remove(offset);
                problem = "cannot receive FEC on " + input.listenAddress() + ":" + port + ": " + e.getMessage();
                LOG.warn("Channel {}: {}", channelId, problem);
            }
        }
    }

    void stop() {
        for (int offset : OFFSETS) {
            remove(offset);
        }
    }

    /**
     * Adds what the operator should know about FEC: a port that could not be opened, or FEC that
     * does not arrive while the media does (a warning, not an outage: the media still flows).
     */
    void addWarnings(List<String> warnings, InputDefinition input, FecCounters fec, long lastMediaMillis, long nowMillis) {
        if (problem != null) {
            warnings.add(problem);
        }
        long quietAfter = properties.ingest().signalTimeout().toMillis();
        if (fec == null || lastMediaMillis == 0 || nowMillis - lastMediaMillis >= quietAfter) {
            return;
        }
        if (fec.lastFecMillis() == 0) {
            warnings.add("FEC is on but no FEC packet has arrived on ports " + (input.port() + 2) + " and " + (input.port() + 4)
                    + ": turn on FEC in the MediaLive output (docs/MEDIALIVE.md) or set input.fec to false;"
                    + " lost packets are not recovered");
        } else if (nowMillis - fec.lastFecMillis() >= quietAfter) {
            warnings.add("no FEC packet for " + (nowMillis - fec.lastFecMillis()) / 1000 + " s while the media arrives:"
                    + " lost packets are not recovered");
        }
    }

    private void remove(int offset) {
        try {
            routes.remove(routeId(offset), 5);
        } catch (RuntimeException e) {
            LOG.warn("Channel {}: removing the FEC route failed: {}", channelId, e.getMessage());
        }
    }

    private String routeId(int offset) {
        return "ingest-" + channelId + (offset == 2 ? "-fec-column" : "-fec-row");
    }
}
