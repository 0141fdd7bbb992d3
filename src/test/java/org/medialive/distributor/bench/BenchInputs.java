package org.medialive.distributor.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.support.Ports;

/**
 * How the channels of our server receive in a run ({@code --input}): the channel's input
 * definition and where the pacer sends. RTP goes straight to the channel's port; with FEC the
 * pacer adds the column and row packets on port + 2 and + 4; with SRT each channel has its own
 * {@code srt-live-transmit} that reads the pacer's plain TS from a loopback UDP port and calls
 * the channel's SRT listener (as MediaLive's SRT caller output would); with two inputs each
 * channel gets every datagram on its input and its backupInput. The senders are not the
 * server: their CPU is reported apart.
 */
final class BenchInputs implements AutoCloseable {

    private final String mode;
    private final Path logs;
    private final List<List<InetSocketAddress>> targets = new ArrayList<>();
    private final List<InetSocketAddress[]> fecTargets = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> senders = new ArrayList<>();

    BenchInputs(String mode, Path logs) {
        this.mode = mode;
        this.logs = logs;
    }

    /** Prepares channel {@code c}'s inputs; returns the channel's JSON members for them ("input", ...). */
    String add(int c) {
        if (mode.equals("srt")) {
            int listener = Ports.freeUdp();
            int relay = Ports.freeUdp();
            ports.add(listener);
            targets.add(List.of(new InetSocketAddress("127.0.0.1", relay)));
            return "\"input\":{\"srt\":\"srt://:" + listener + "?mode=listener&latency=1000\"}";
        }
        if (mode.equals("redundant")) {
            int primary = Ports.freeUdp();
            int backup = Ports.freeUdp();
            ports.addAll(List.of(primary, backup));
            // the same datagrams to both, as MediaLive's two pipelines of one channel
            targets.add(List.of(new InetSocketAddress("127.0.0.1", primary), new InetSocketAddress("127.0.0.1", backup)));
            return "\"input\":{\"port\":" + primary + "},\"backupInput\":{\"port\":" + backup + "},"
                    + "\"failover\":{\"after\":\"" + SwitchProbe.AFTER + "\",\"revert\":\"manual\"}";
        }
        int port = mode.equals("fec") ? Ports.freeUdpWithFec() : Ports.freeUdp();
        ports.add(port);
        targets.add(List.of(new InetSocketAddress("127.0.0.1", port)));
        fecTargets.add(new InetSocketAddress[] {new InetSocketAddress("127.0.0.1", port + 2), new InetSocketAddress("127.0.0.1", port + 4)});
        return "\"input\":{\"port\":" + port + (mode.equals("fec") ? ",\"fec\":true}" : "}");
    }

    /** Starts the SRT senders (after the channels exist, so each calls a listener that is there). */
    void startSenders() throws IOException {
        if (!mode.equals("srt")) {
            return;
        }
        for (int c = 0; c < ports.size(); c++) {
            int relay = targets.get(c).get(0).getPort();
            senders.add(new ProcessBuilder("srt-live-transmit", "-a:no", "udp://127.0.0.1:" + relay + "?rcvbuf=4194304",
                    "srt://127.0.0.1:" + ports.get(c) + "?mode=caller&latency=1000")
                    .redirectErrorStream(true).redirectOutput(logs.resolve("srt-sender-" + c + ".log").toFile()).start());
        }
    }

    MultiPacer pacer(ByteBuffer stream, long bitsPerSecond) {
        return new MultiPacer(stream, bitsPerSecond, targets, mode.equals("srt"), mode.equals("fec") ? fecTargets : null);
    }

    /** The channels' receive ports (UDP for RTP, the SRT listeners' for SRT): for the kernel's drop counts. */
    List<Integer> ports() {
        return ports;
    }

    /** The first channel's input port, where the latency probe captures. */
    int firstTargetPort() {
        return targets.get(0).get(0).getPort();
    }

    List<Long> senderPids() {
        return senders.stream().filter(Process::isAlive).map(Process::pid).toList();
    }

    static String describe(String mode) {
        return switch (mode) {
            case "fec" -> "RTP with SMPTE 2022-1 FEC (L " + PacerFec.COLUMNS + " x D " + PacerFec.ROWS + ", column and row packets on port + 2 and + 4)";
            case "srt" -> "SRT: each channel an SRT listener input called by its own srt-live-transmit (latency 1000 ms, as across the internet)";
            case "redundant" -> "RTP to two inputs per channel (input and backupInput, the same datagrams to both: a hot standby), "
                    + "failover after " + SwitchProbe.AFTER + "; after the measured seconds every primary goes silent";
            default -> "RTP, 7 TS packets per datagram";
        };
    }

    @Override
    public void close() {
        senders.forEach(Process::destroy);
    }
}
