package org.medialive.distributor.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A channel that joins a multicast group on a given interface. The sender lives in a
 * network namespace this test makes, joined to the host by a veth pair whose host end
 * has only a loopback-range address: the multicast never leaves the two.
 */
class MulticastIT {

    private static final String GROUP = "239.255.42.1";

    @TempDir
    Path work;
    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    private final String namespace = "mld" + suffix;
    private final String hostEnd = "mldh" + suffix;
    private final String nsEnd = "mldn" + suffix;

    @BeforeEach
    void makeNamespace() throws Exception {
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
        run("ip", "link", "set", nsEnd, "netns", namespace);
        run("ip", "link", "set", hostEnd, "up");
        // joining a group needs an IPv4 address on the interface: one from the loopback range
        run("ip", "addr", "add", "127.250.0.1/32", "dev", hostEnd);
        // datagrams from the namespace's address arrive on an interface without a route back
        run("sysctl", "-q", "-w", "net.ipv4.conf." + hostEnd + ".rp_filter=0");
        inNamespace("ip", "addr", "add", "10.250.0.2/24", "dev", nsEnd);
        inNamespace("ip", "link", "set", nsEnd, "up");
        inNamespace("ip", "route", "add", "224.0.0.0/4", "dev", nsEnd);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        run("ip", "netns", "del", namespace);
    }

    @Test
    void aChannelReceivesItsMulticastGroupOnTheNamedInterface() throws Exception {
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "multicast").start()) {
            Api api = server.api();
            Api.Response created = api.post("/api/channels", "{\"id\":\"mcast\",\"input\":{\"port\":" + port
                    + ",\"multicastGroup\":\"" + GROUP + "\",\"interface\":\"" + hostEnd + "\"},\"started\":true}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Process sender = new ProcessBuilder("ip", "netns", "exec", namespace, "ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-nostdin", "-re", "-i", TestStream.plain(60).toString(), "-c", "copy", "-t", "20",
                    "-f", "rtp_mpegts", "rtp://" + GROUP + ":" + port + "?ttl=2")
                    .redirectErrorStream(true).redirectOutput(work.resolve("sender.log").toFile()).start();
            try {
                await("multicast arriving").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .until(() -> api.ok("/api/channels/mcast").path("status").path("state").asText().equals("receiving"));
                await("a few seconds of it").atMost(Duration.ofSeconds(20))
                        .until(() -> api.ok("/api/channels/mcast").path("status").path("packets").asLong() > 5000);
                JsonNode status = api.ok("/api/channels/mcast").path("status");
                assertThat(status.path("malformed").asLong()).isZero();
                assertThat(status.path("rtpLost").asLong()).isZero();
            } finally {
                sender.destroy();
                sender.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void inNamespace(String... command) throws Exception {
        List<String> full = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace));
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
