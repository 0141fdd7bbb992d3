package org.medialive.distributor.output.udp;

import org.medialive.distributor.output.Destination.ProcessObserver;
import org.medialive.distributor.output.OutputState;
import org.medialive.distributor.output.OutputStatus;

/**
 * Reads srt-live-transmit sending to UDP. UDP has no connection and srt-live-transmit prints
 * no statistics for it, so the output runs once the process reports its media path; any
 * line starting with ERROR (a bad option, a host that does not resolve) is the last error.
 */
final class UdpProcessObserver implements ProcessObserver {

    private final UdpDestination destination;
    private final OutputStatus status;

    UdpProcessObserver(UdpDestination destination, OutputStatus status) {
        this.destination = destination;
        this.status = status;
    }

    @Override
    public void stderr(String line) {
        String text = line.strip();
        if (text.startsWith("Media path:")) {
            status.moveTo(OutputState.RUNNING, "sending " + destination.describe());
        } else if (text.startsWith("ERROR") || text.startsWith("Failed")) {
            status.error("srt-live-transmit: " + text);
        }
    }

    @Override
    public void stdout(String line) {
        // no statistics for a UDP target
    }
}
