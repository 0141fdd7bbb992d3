package org.medialive.distributor.ingest.srt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an SRT input's srt-live-transmit says, turned into a state with its reason and the link
 * figures of the current connection. stderr (run with -v) tells when it listens, calls, is
 * connected, disconnected or refused; the stats pipe carries one JSON object per report with
 * the receiving side's totals. Lines arrive already masked (no passphrase).
 */
public final class SrtLink {

    /** Where the SRT connection stands. */
    public enum State { STARTING, LISTENING, CALLING, CONNECTED, CALL_FAILED, REFUSED }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String where;
    private final boolean listener;
    private volatile State state = State.STARTING;
    private volatile String reason;
    private volatile String lastError;
    private volatile Map<String, Object> figures;

    /** @param where "port 9000" for a listener, "203.0.113.10:9000" for a caller */
    SrtLink(String where, boolean listener) {
        this.where = where;
        this.listener = listener;
        this.reason = "starting srt-live-transmit";
    }

    void stderr(String line) {
        String text = line.strip();
        if (text.equals("listen...")) {
            move(State.LISTENING, "SRT listening on " + where + ", waiting for MediaLive to call");
        } else if (text.startsWith("Connecting to ")) {
            move(State.CALLING, "SRT calling " + where);
        } else if (text.equals("Accepted SRT source connection") || text.equals("SRT source connected")) {
            lastError = null;
            move(State.CONNECTED, listener ? "SRT sender connected to " + where : "SRT connected to " + where);
        } else if (text.equals("SRT source disconnected")) {
            disconnected("SRT sender disconnected");
        } else if (text.contains("rsp(REJECT): ")) {
            // a listener refusing a caller keeps listening; the reason is what the operator must fix
            lastError = "SRT refused a caller: " + afterCode(text.substring(text.indexOf("rsp(REJECT): ") + 13))
                    + " (is the passphrase the same on both sides?)";
        } else if (text.contains("REJECT reported from HS processing: ")) {
            String why = text.substring(text.indexOf("HS processing: ") + 15).replace(" - not processing further", "");
            lastError = "SRT listener at " + where + " refused the call: " + why;
            move(State.REFUSED, lastError);
        } else if (text.startsWith("SrtCommon: DESTROYING CONNECTION") && state == State.CALLING) {
            lastError = "SRT call to " + where + " failed: no answer (listener down, port closed, firewall or wrong passphrase)";
            move(State.CALL_FAILED, lastError);
        } else if (text.startsWith("ERROR")) {
            lastError = "srt-live-transmit: " + text;
        }
    }

    void stats(String line) {
        if (!line.startsWith("{")) {
            return;
        }
        try {
            JsonNode stats = JSON.readTree(line);
            JsonNode recv = stats.path("recv");
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("rttMs", stats.path("link").path("rtt").asDouble());
            link.put("bandwidthMbps", stats.path("link").path("bandwidth").asDouble());
            link.put("receiveMbps", recv.path("mbitRate").asDouble());
            link.put("packetsReceived", recv.path("packets").asLong());
            link.put("packetsLost", recv.path("packetsLost").asLong());
            link.put("packetsRetransmitted", recv.path("packetsRetransmitted").asLong());
            link.put("packetsDropped", recv.path("packetsDropped").asLong());
            link.put("packetsBelated", recv.path("packetsBelated").asLong());
            link.put("latencyMs", recv.path("msTsbPdDelay").asLong());
            figures = link;
        } catch (java.io.IOException notStats) {
            // a cut line: the next report comes soon
        }
    }

    /** The process ended; what it was doing decides what the operator is told. */
    void exited(int exitCode) {
        if (state == State.CONNECTED || state == State.STARTING) {
            disconnected("srt-live-transmit exited (code " + exitCode + ")");
        }
    }

    private void disconnected(String why) {
        figures = null;
        move(listener ? State.LISTENING : State.CALLING, why + "; " + (listener ? "listening again on " : "calling again ") + where);
    }

    private void move(State next, String why) {
        state = next;
        reason = why;
    }

    private static String afterCode(String text) {
        int dash = text.indexOf(" - ");
        return dash < 0 ? text : text.substring(dash + 3);
    }

    public State state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    /** The last thing that went wrong (a refused caller, a failed call), or null. */
    public String lastError() {
        return lastError;
    }

    /** The status's "srt" object: state, reason and the current connection's figures. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", listener ? "listener" : "caller");
        view.put("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        view.put("reason", reason);
        Map<String, Object> link = figures;
        if (link != null) {
            view.putAll(link);
        }
        return view;
    }
}
