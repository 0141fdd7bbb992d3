package org.medialive.distributor.output.udp;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A UDP output to a multicast group, sent out of the interface its adapter option names. The
 * receiver (srt-live-transmit reading the group) lives in a network namespace this test makes,
 * joined to the host by a veth pair whose host end has only a loopback-range address
 * (route_localnet lets that address leave and enter the pair): the multicast never leaves the two.
 */
class UdpMulticastIT {

    private static final String GROUP = "239.255.43.1";

    @TempDir
    Path work;
    private final int suffix = ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF);
    private final String namespace = "udpo" + Integer.toHexString(suffix);
    private final String hostEnd = "udph" + Integer.toHexString(suffix);
    private final String nsEnd = "udpn" + Integer.toHexString(suffix);
    private final String hostAddress = "127.251." + (suffix % 250 + 1) + ".1";

    @BeforeEach
    void makeNamespace() throws Exception {
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
        run("ip", "link", "set", nsEnd, "netns", namespace);
        run("ip", "link", "set", hostEnd, "up");
        run("ip", "addr", "add", hostAddress + "/32", "dev", hostEnd);
        run("sysctl", "-q", "-w", "net.ipv4.conf." + hostEnd + ".route_localnet=1");
        inNamespace("ip", "addr", "add", "10.251.0.2/24", "dev", nsEnd);
        inNamespace("ip", "link", "set", nsEnd, "up");
        inNamespace("sysctl", "-q", "-w", "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf." + nsEnd + ".route_localnet=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf." + nsEnd + ".rp_filter=0");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        run("ip", "netns", "del", namespace);
    }

    @Test
    void sendsTheTransportStreamByteExactWithItsCuesToAMulticastGroupOnTheNamedInterface() throws Exception {
        Path ts = TestStream.withCues(20);
        byte[] sent = TestStream.bytes(ts);
        int input = Ports.freeUdp();
        int port = Ports.freeUdp();
        Path capture = work.resolve("group.ts");
        Process receiver = new ProcessBuilder("ip", "netns", "exec", namespace, "srt-live-transmit", "-chunk:1316",
                "udp://" + GROUP + ":" + port + "?adapter=10.251.0.2", "file://con")
                .redirectOutput(capture.toFile()).redirectError(work.resolve("receiver.log").toFile()).start();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "udp-multicast").start()) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"mc\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            String url = "udp://" + GROUP + ":" + port + "?ttl=1&adapter=" + hostAddress;
            Api.Response created = api.post("/api/channels/mc/outputs", "{\"id\":\"group\",\"url\":\"" + url + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long wanted = 6 * TestStream.BITRATE / 8;
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x5eed)
                    .start(new FileInputStream(ts.toFile()))) {
                await("6 s of stream in the namespace").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.size(capture) >= wanted);
            }
            assertThat(api.ok("/api/channels/mc/outputs/group").path("status").path("state").asText()).isEqualTo("running");
            assertThat(server.errorsInLog()).isEmpty();
        } finally {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
        byte[] data = Files.readAllBytes(capture);
        byte[] received = Arrays.copyOf(data, data.length - data.length % 188);
        int offset = TsCapture.contiguousRunOffset(sent, received);
        assertThat(received).isEqualTo(Arrays.copyOfRange(sent, offset, offset + received.length));
        List<byte[]> cues = TsCapture.sections(received, TestStream.SCTE35_PID);
        assertThat(cues).as("SCTE-35 sections received in the namespace").isNotEmpty();
    }

    private void inNamespace(String... command) throws Exception {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = namespace;
        System.arraycopy(command, 0, full, 4, command.length);
        run(full);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
