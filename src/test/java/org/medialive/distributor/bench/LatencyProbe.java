package org.medialive.distributor.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Added latency of one channel's path through the server, measured on the wire: tcpdump on the
 * loopback interface captures the channel's RTP datagrams (to the server's input port) and the
 * SRT data packets one of its outputs sends (to the receiver's port), with kernel timestamps in
 * nanoseconds. Every TS packet in the RTP payloads is indexed by its content (null packets and
 * any content seen twice are left out: they cannot be matched); for each SRT data packet the
 * latency is its capture time minus the latest arrival of the TS packets it carries, that is,
 * the time from the moment all its bytes had arrived to the moment they left as SRT. SRT
 * retransmissions are ignored (the first transmission counts) and the receiver's SRT latency
 * window plays no part: the packet is timed when it leaves the sender.
 */
final class LatencyProbe implements AutoCloseable {

    private static final int TS = 188;

    /** @param samples SRT packets timed; milliseconds otherwise */
    record Latency(long samples, double p50, double p90, double p99, double p999, double max, double mean,
                   String method) {
    }

    private final Process tcpdump;
    private final Path file;
    private final int rtpPort;
    private final int srtPort;

    private LatencyProbe(Process tcpdump, Path file, int rtpPort, int srtPort) {
        this.tcpdump = tcpdump;
        this.file = file;
        this.rtpPort = rtpPort;
        this.srtPort = srtPort;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"));
    }

    /** Starts capturing RTP to {@code rtpPort} and SRT to {@code srtPort} on lo. */
    static LatencyProbe start(Path file, int rtpPort, int srtPort) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Path log = file.resolveSibling(file.getFileName() + ".log");
        Process process = new ProcessBuilder(DiesWithBench.command(List.of("tcpdump", "-i", "lo", "-n", "-q", "-B", "16384", "-s", "1500",
                "--time-stamp-precision=nano", "-w", file.toString(),
                "udp and (dst port " + rtpPort + " or dst port " + srtPort + ")")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("tcpdump listening").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || Files.readString(log).contains("listening on"));
        } catch (ConditionTimeoutException timeout) {
            // reported below with tcpdump's own words
        }
        if (!process.isAlive() || !Files.readString(log).contains("listening on")) {
            process.destroyForcibly();
            throw new IOException("tcpdump did not start: " + Files.readString(log));
        }
        return new LatencyProbe(process, file, rtpPort, srtPort);
    }

    /** Stops the capture and computes the latency; deletes the capture. */
    Latency stop() throws IOException, InterruptedException {
        close();
        try {
            return analyse(Files.readAllBytes(file), rtpPort, srtPort);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (tcpdump.isAlive()) {
            tcpdump.destroy();
            if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        }
    }

    static Latency analyse(byte[] pcap, int rtpPort, int srtPort) {
        ByteBuffer in = ByteBuffer.wrap(pcap);
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
            if (in.getInt(0) != 0xa1b23c4d) {
                throw new IllegalArgumentException("not a nanosecond pcap file");
            }
        }
        int linkType = in.getInt(20);
        int linkHeader = linkType == 1 ? 14 : linkType == 113 ? 16 : linkType == 0 ? 4 : -1;
        if (linkHeader < 0) {
            throw new IllegalArgumentException("unexpected link type " + linkType);
        }
        Map<Long, Long> arrival = new HashMap<>();
        Set<Long> ambiguous = new HashSet<>();
        Set<Integer> srtSequences = new HashSet<>();
        long[] latencies = new long[1024];
        int count = 0;
        int at = 24;
        while (at + 16 <= pcap.length) {
            long nanos = (in.getInt(at) & 0xFFFFFFFFL) * 1_000_000_000L + (in.getInt(at + 4) & 0xFFFFFFFFL);
            int captured = in.getInt(at + 8);
            int record = at + 16;
            at = record + captured;
            if (at > pcap.length) {
                break;
            }
            int ip = record + linkHeader;
            if ((pcap[ip] >> 4) != 4 || pcap[ip + 9] != 17) {
                continue;
            }
            int udp = ip + (pcap[ip] & 0x0F) * 4;
            int dstPort = ((pcap[udp + 2] & 0xFF) << 8) | (pcap[udp + 3] & 0xFF);
            int udpLength = ((pcap[udp + 4] & 0xFF) << 8) | (pcap[udp + 5] & 0xFF);
            int payload = udp + 8;
            int end = Math.min(at, udp + udpLength);
            if (dstPort == rtpPort) {
                int offset = payload + 12 + 4 * (pcap[payload] & 0x0F);
                for (int p = offset; p + TS <= end; p += TS) {
                    long key = key(pcap, p);
                    if (key == 0) {
                        continue;
                    }
                    if (arrival.putIfAbsent(key, nanos) != null) {
                        ambiguous.add(key);
                    }
                }
            } else if (dstPort == srtPort && end - payload > 16 && (pcap[payload] & 0x80) == 0) {
                int sequence = ((pcap[payload] & 0x7F) << 24) | ((pcap[payload + 1] & 0xFF) << 16)
                        | ((pcap[payload + 2] & 0xFF) << 8) | (pcap[payload + 3] & 0xFF);
                if (!srtSequences.add(sequence)) {
                    continue; // a retransmission
                }
                long latest = -1;
                for (int p = payload + 16; p + TS <= end; p += TS) {
                    long key = key(pcap, p);
                    Long t = key == 0 || ambiguous.contains(key) ? null : arrival.get(key);
                    if (t != null) {
                        latest = Math.max(latest, t);
                    }
                }
                if (latest >= 0) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = nanos - latest;
                }
            }
        }
        String method = "tcpdump on lo: RTP to port " + rtpPort + " vs SRT data to port " + srtPort;
        if (count == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0, method);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new Latency(count, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                ms(percentile(sorted, 0.99)), ms(percentile(sorted, 0.999)), ms(sorted[count - 1]), ms((long) mean), method);
    }

    /** A 64-bit key for a TS packet's content; 0 for a null packet or no sync byte. */
    private static long key(byte[] data, int at) {
        if (data[at] != 0x47 || (((data[at + 1] & 0x1F) << 8) | (data[at + 2] & 0xFF)) == 0x1FFF) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(data, at, TS);
        long high = 1;
        for (int i = at; i < at + TS; i++) {
            high = 31 * high + data[i];
        }
        long key = (high << 32) ^ crc.getValue();
        return key == 0 ? 1 : key;
    }

    private static long percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
