package org.medialive.distributor.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace for multicast senders, made by the test and removed after it: joined to
 * the host by a veth pair whose host end has only a loopback-range address, so the multicast
 * never leaves the two. The namespace's end has two addresses, {@link #FIRST} and {@link #SECOND}:
 * two senders a source-specific join can tell apart.
 */
final class SenderNamespace implements AutoCloseable {

    static final String FIRST = "10.250.0.2";
    static final String SECOND = "10.250.0.3";

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    private final String namespace = "mld" + suffix;
    private final String hostEnd = "mldh" + suffix;
    private final String nsEnd = "mldn" + suffix;

    static SenderNamespace make() throws Exception {
        SenderNamespace made = new SenderNamespace();
        made.setUp();
        return made;
    }

    private void setUp() throws Exception {
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
        run("ip", "link", "set", nsEnd, "netns", namespace);
        run("ip", "link", "set", hostEnd, "up");
        // joining a group needs an IPv4 address on the interface: one from the loopback range
        run("ip", "addr", "add", "127.250.0.1/32", "dev", hostEnd);
        // datagrams from the namespace's address arrive on an interface without a route back
        run("sysctl", "-q", "-w", "net.ipv4.conf." + hostEnd + ".rp_filter=0");
        inNamespace("ip", "addr", "add", FIRST + "/24", "dev", nsEnd);
        inNamespace("ip", "addr", "add", SECOND + "/24", "dev", nsEnd);
        inNamespace("ip", "link", "set", nsEnd, "up");
        inNamespace("ip", "route", "add", "224.0.0.0/4", "dev", nsEnd);
    }

    /** The host's end of the pair: the interface a channel joins its group on. */
    String hostEnd() {
        return hostEnd;
    }

    /** ffmpeg sending {@code stream} (all its elementary streams) as RTP to group:port from {@code source}, in real time. */
    Process send(Path stream, String group, int port, String source, Path log) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", namespace, "ffmpeg", "-hide_banner", "-loglevel", "error",
                "-nostdin", "-re", "-i", stream.toString(), "-map", "0", "-c", "copy", "-t", "25",
                "-f", "rtp_mpegts", "rtp://" + group + ":" + port + "?ttl=2&localaddr=" + source)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Packets the host end has received, whoever they were for. */
    long receivedOnHostEnd() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", hostEnd, "statistics", "rx_packets")).trim());
    }

    /**
     * (group, source) of each source-specific membership on the host end, as /proc/net/mcfilter
     * prints them (0x and 8 hex digits); matched by interface index, as the file cuts names at 6 characters.
     */
    List<List<String>> sourceFilters() throws IOException {
        String index = Files.readString(Path.of("/sys/class/net", hostEnd, "ifindex")).trim();
        return Files.readAllLines(Path.of("/proc/net/mcfilter")).stream().map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length >= 4 && fields[0].equals(index)).map(fields -> List.of(fields[2], fields[3])).toList();
    }

    /** An IPv4 address as /proc/net/mcfilter prints it. */
    static String hex(String address) throws IOException {
        return String.format("0x%08x", java.nio.ByteBuffer.wrap(java.net.InetAddress.getByName(address).getAddress()).getInt());
    }

    static void stop(Process sender) throws InterruptedException {
        sender.destroy();
        sender.waitFor(10, TimeUnit.SECONDS);
    }

    /** Removes the namespace and with it both ends of the pair. */
    @Override
    public void close() throws Exception {
        run("ip", "netns", "del", namespace);
    }

    private void inNamespace(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
