package org.medialive.distributor.output.srt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.output.Destination.ProcessObserver;
import org.medialive.distributor.output.OutputState;
import org.medialive.distributor.output.OutputStatus;

/**
 * Reads srt-live-transmit's messages (run with -a:no, -v, -pf:json and -f): stderr says when the
 * connection is made or lost, stdout carries one JSON statistics object per line with
 * totals for the current connection.
 */
final class SrtProcessObserver implements ProcessObserver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SrtDestination destination;
    private final OutputStatus status;
    /** Between "Connecting to" and its outcome: a teardown now means the call failed. */
    private boolean calling;

    SrtProcessObserver(SrtDestination destination, OutputStatus status) {
        this.destination = destination;
        this.status = status;
        status.connected(false);
    }

    @Override
    public void stderr(String line) {
        String text = line.strip();
        if (text.startsWith("Connecting to ")) {
            calling = true;
        } else if (text.equals("SRT target connected") || text.equals("Accepted SRT target connection")) {
            calling = false;
            status.connected(true);
            status.moveTo(OutputState.RUNNING, "SRT peer connected, " + destination.describe());
        } else if (text.equals("SRT target disconnected")) {
            lost("SRT peer disconnected (" + destination.describe() + ")");
        } else if (text.startsWith("listen...")) {
            status.moveTo(OutputState.RUNNING, "SRT listening on port " + destination.port() + ", waiting for a caller");
        } else if (text.startsWith("SrtCommon: DESTROYING CONNECTION") && calling) {
            calling = false;
            lost("SRT call to " + destination.hostPort() + " failed: no answer (listener down, port closed or wrong passphrase)");
        } else if (text.contains("REJECT reported from HS processing: ")) {
            String reason = text.substring(text.indexOf("HS processing: ") + 15).replace(" - not processing further", "");
            lost("SRT peer rejected the connection: " + reason);
            calling = false;
        } else if (text.startsWith("ERROR") || text.startsWith("Port value invalid")) {
            status.error("srt-live-transmit: " + text);
        }
    }

    @Override
    public void stdout(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        try {
            JsonNode stats = JSON.readTree(line);
            JsonNode send = stats.path("send");
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("rttMs", stats.path("link").path("rtt").asDouble());
            link.put("sendMbps", send.path("mbitRate").asDouble());
            link.put("packetsSent", send.path("packets").asLong());
            link.put("packetsLost", send.path("packetsLost").asLong());
            link.put("packetsRetransmitted", send.path("packetsRetransmitted").asLong());
            link.put("packetsDropped", send.path("packetsDropped").asLong());
            link.put("flightPackets", stats.path("window").path("flight").asLong());
            status.link(link);
        } catch (java.io.IOException notStats) {
            // a line that only looks like JSON: ignore it, the next report comes soon
        }
    }

    @Override
    public void exited(int exitCode) {
        status.connected(false);
    }

    private void lost(String why) {
        status.connected(false);
        status.error(why);
        status.moveTo(OutputState.RETRYING, why);
    }
}
