package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Input loss the kernel causes is visible: a receive buffer asked larger than net.core.rmem_max
 * is granted smaller and warned about (status, health, log), and datagrams the kernel drops when
 * the socket overflows appear in the channel status and in Prometheus, exactly.
 */
class KernelDropsIT {

    @TempDir
    Path work;

    @Test
    void aCappedBufferIsWarnedAboutAndKernelDropsAreCounted() throws Exception {
        // far more than any rmem_max a test machine has; the event loop looks at the socket only
        // every 300 ms, so a burst overflows even what the kernel granted
        long asked = 256L * 1024 * 1024;
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "kernel-drops",
                "--distributor.ingest.receive-buffer=256MB", "--distributor.ingest.poll-interval=300ms").start()) {
            Api api = server.api();
            int port = Ports.freeUdp();
            assertThat(api.post("/api/channels", "{\"id\":\"burst\",\"input\":{\"port\":" + port + ",\"sourceAddress\":[\"127.0.0.0/8\"]},\"started\":true}").status())
                    .isEqualTo(201);

            await("granted buffer known").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/burst").path("status").has("receiveBuffer"));
            JsonNode status = api.ok("/api/channels/burst").path("status");
            long granted = status.path("receiveBuffer").asLong();
            long rmemMax = Long.parseLong(java.nio.file.Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
            assertThat(granted).as("what the kernel granted: its cap").isEqualTo(rmemMax).isLessThan(asked);
            assertThat(status.path("receiveBufferRequested").asLong()).isEqualTo(asked);
            assertThat(status.path("warnings").toString()).contains("receive buffer is " + granted + " bytes")
                    .contains("net.core.rmem_max").doesNotContain("no source filter");
            // health reads the once-a-second snapshot: it may be a second behind the status
            await("health warns").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/actuator/health/channels/burst").json().path("details").path("warnings").toString()
                            .contains("net.core.rmem_max"));

            List<byte[]> datagrams = RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), 20_000);
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
                for (byte[] d : datagrams) { // as fast as loopback takes them
                    socket.send(new DatagramPacket(d, d.length, target));
                }
            }
            int sent = datagrams.size();
            await("every datagram received or dropped by the kernel").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        JsonNode s = api.ok("/api/channels/burst").path("status");
                        return s.path("datagrams").asLong() + s.path("kernelDrops").asLong() == sent;
                    });
            long kernelDrops = api.ok("/api/channels/burst").path("status").path("kernelDrops").asLong();
            assertThat(kernelDrops).isPositive();
            await("Prometheus shows the kernel drops").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> metric(api, "distributor_channel_kernel_drops_total") == kernelDrops);
            assertThat(metric(api, "distributor_channel_receive_buffer_bytes")).isEqualTo(granted);
            assertThat(metric(api, "distributor_channel_receive_buffer_requested_bytes")).isEqualTo(asked);
            await("health shows the kernel drops").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/actuator/health/channels/burst").json().path("details").path("kernelDrops").asLong() == kernelDrops);
            assertThat(server.logText()).contains("receive buffer is " + granted + " bytes");
        }
    }

    /** The value of one of channel "burst"'s meters in the Prometheus scrape, NaN when absent. */
    private static double metric(Api api, String name) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + name + "\\{[^}]*channel=\"burst\"[^}]*\\} (\\S+)$")
                .matcher(api.get("/actuator/prometheus").body());
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }
}
