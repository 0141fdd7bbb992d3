package org.medialive.distributor.routes;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.output.udp.UdpReceiver;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.FileOnlyKind;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The route files are read from distributor.routes-dir at each start: no rebuild for an edit, a clear stop for a broken file. */
class RoutesDirectoryIT {

    private static final Path TEMPLATE = Path.of("routes", "udp-output.camel.yaml");

    @TempDir
    Path work;

    @Test
    void aTemplateThatDoesNotParseStopsStartUpNamingTheFileLineAndReason() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Path broken = routes.resolve("udp-output.camel.yaml");
        // line 5 opens a flow sequence that never closes
        Files.writeString(broken, "- routeTemplate:\n    id: udp-output\n    parameters:\n      - name: channel\n        required: [true\n");
        assertThat(logOfRefusedStart("routes-broken", routes))
                .contains("Cannot start: route file " + broken + " line ")
                .contains("is not valid:")
                .contains("remove it to use the packaged copy");
    }

    @Test
    void anOutputKindNamingAnUnknownValidatorStopsStartUpNamingTheFileAndReason() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Path descriptor = routes.resolve("relay2.output-kind.yaml");
        Files.writeString(descriptor, "scheme: relay2\ntemplate: udp-output\ncarriesScte35: true\nvalidator: socat\n");
        assertThat(logOfRefusedStart("routes-validator", routes))
                .contains("Cannot start: output kind file " + descriptor + " is not valid: validator 'socat' is not one of srt, rtmp, udp, host-port.");
    }

    /** Starts a server on {@code routes}, which must refuse to start; returns its log. */
    private String logOfRefusedStart(String name, Path routes) {
        try (DistributorServer server = new DistributorServer(work.resolve("data"), name, "--distributor.routes-dir=" + routes)) {
            assertThat(server.startExpectingFailure()).isNotZero();
            return server.logText();
        }
    }

    @Test
    void anEditedTemplateTakesEffectOnTheNextStartWithoutARebuild() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Path template = routes.resolve("udp-output.camel.yaml");
        Files.copy(TEMPLATE, template);
        int input = Ports.freeUdp();
        int port = Ports.freeUdp();
        // one receiver for both starts: a port closed between them could be taken by any ephemeral bind
        try (UdpReceiver receiver = new UdpReceiver(port)) {
            DistributorServer server = new DistributorServer(work.resolve("data"), "routes-before", "--distributor.routes-dir=" + routes).start();
            try {
                Api api = server.api();
                assertThat(api.post("/api/channels", "{\"id\":\"edit\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
                assertThat(api.post("/api/channels/edit/outputs", "{\"id\":\"u\",\"url\":\"udp://127.0.0.1:" + port + "\"}").status()).isEqualTo(201);
                stream(input, receiver);
                assertThat(receiver.datagramSizes().keySet()).containsOnly(1316);
            } finally {
                server.close();
            }
            // the engineer's edit: 2 TS packets per datagram instead of 7
            String text = Files.readString(template);
            assertThat(text).contains("defaultValue: \"1316\"");
            Files.writeString(template, text.replace("defaultValue: \"1316\"", "defaultValue: \"376\""));
            receiver.clear();
            server = new DistributorServer(work.resolve("data"), "routes-after", "--distributor.routes-dir=" + routes).start();
            try {
                stream(input, receiver);
                assertThat(receiver.datagramSizes().keySet()).containsOnly(376);
                assertThat(server.errorsInLog()).isEmpty();
            } finally {
                server.close();
            }
        }
    }

    @Test
    void anOutputKindThatExistsOnlyAsFilesInTheRoutesDirectoryStreams() throws Exception {
        Path routes = FileOnlyKind.writeTo(work.resolve("routes"));
        byte[] sent = TestStream.bytes(TestStream.withCues(20));
        int input = Ports.freeUdp();
        int port = Ports.freeUdp();
        try (UdpReceiver receiver = new UdpReceiver(port);
             DistributorServer server = new DistributorServer(work.resolve("data"), "routes-kind", "--distributor.routes-dir=" + routes).start()) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"kind\",\"input\":{\"port\":" + input + "},\"started\":true}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/kind/outputs", "{\"id\":\"r\",\"url\":\"relay2://127.0.0.1:" + port + "?x=1\"}").status()).isEqualTo(400);
            Api.Response created = api.post("/api/channels/kind/outputs", "{\"id\":\"r\",\"url\":\"relay2://127.0.0.1:" + port + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            stream(input, receiver);
            assertThat(api.ok("/api/channels/kind/outputs/r").path("status").path("state").asText()).isEqualTo("running");
            assertThat(api.ok("/api/channels/kind/outputs/r").path("protocol").asText()).isEqualTo("relay2");
            byte[] received = receiver.received();
            int offset = org.medialive.distributor.support.TsCapture.contiguousRunOffset(sent, received);
            assertThat(received).isEqualTo(java.util.Arrays.copyOfRange(sent, offset, offset + received.length));
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    private static void stream(int input, UdpReceiver receiver) throws Exception {
        try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x5eed)
                .start(new FileInputStream(TestStream.withCues(20).toFile()))) {
            await("3 s of stream over UDP").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> receiver.bytesReceived() >= 3 * TestStream.BITRATE / 8);
        }
    }
}
