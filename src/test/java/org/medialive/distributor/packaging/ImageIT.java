package org.medialive.distributor.packaging;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.support.TsCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image, built from the working tree by the Dockerfile and run as Docker would
 * run it (packaging/image-test.sh): ready, relaying a channel byte for byte to an SRT output
 * from inside the container, as user "distributor", and gone entirely after SIGTERM.
 * Needs root, podman and mmdebstrap; without them it fails, it does not skip.
 */
class ImageIT {

    private static final String TAG = "localhost/medialive-distributor:image-test";
    private static final String PASSWORD = "image-test-admin-password";
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final long BYTES_PER_SECOND = TestStream.BITRATE / 8;

    @TempDir
    Path work;

    @Test
    void theImageBuildsRunsAsDistributorRelaysByteExactAndStopsWithEveryProcess() throws Exception {
        ImageContainer.build(TAG, LOGS.resolve("image-build.log"));
        assertThat(ImageContainer.inspect(TAG, "{{.Config.User}}", LOGS.resolve("image"))).isEqualTo("distributor");
        assertThat(ImageContainer.inspect(TAG, "{{json .Config.Healthcheck}}", LOGS.resolve("image")))
                .as("HEALTHCHECK kept (docker format)").contains("/actuator/health/liveness");
        assertThat(ImageContainer.inspect(TAG, "{{json .Config.Entrypoint}}", LOGS.resolve("image")))
                .as("an init that reaps is PID 1").startsWith("[\"/usr/bin/tini\"");

        int port = Ports.freeTcp();
        Path data = Files.createDirectories(work.resolve("data"));
        try (ImageContainer container = ImageContainer.start(TAG, data, PASSWORD, LOGS.resolve("image-run-" + port + ".log"),
                "--server.port=" + port)) {
            awaitReady(container, new Api(port));
            Api api = new Api(port).as("admin", PASSWORD);
            // taken while the stream flows: once the receiver hangs up, the relay exits and waits to be restarted
            List<SeenProcess> processes = relayOneChannelByteExact(api, container);
            assertThat(processes.stream().map(SeenProcess::command).toList()).as("the container's processes")
                    .anyMatch(command -> command.endsWith("/tini"))
                    .anyMatch(command -> command.endsWith("/java"))
                    .anyMatch(command -> command.endsWith("/srt-live-transmit"));
            // the container's processes (the script and unshare around it are the host's, root)
            List<SeenProcess> inside = processes.stream().filter(p -> p.command().endsWith("/tini")
                    || p.command().endsWith("/java") || p.command().endsWith("/srt-live-transmit")).toList();
            int imageUser = inside.get(0).uid();
            assertThat(imageUser).as("the image's user is not root").isNotZero();
            for (SeenProcess process : inside) {
                assertThat(process.uid()).as("uid of " + process.command()).isEqualTo(imageUser);
            }

            int exit = container.stop(Duration.ofSeconds(60));
            assertThat(exit).as("exit status after SIGTERM:\n" + container.logTail()).isIn(0, 143);
            await("every process of the container gone").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> processes.stream().map(SeenProcess::handle).noneMatch(ProcessHandle::isAlive));
            assertThat(container.logTail()).doesNotContain(PASSWORD);
        }
    }

    private static void awaitReady(ImageContainer container, Api anonymous) {
        await("the container's server ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!container.isRunning()) {
                        throw new AssertionError("the container exited:\n" + container.logTail());
                    }
                    try {
                        return anonymous.get("/actuator/health/readiness").status() == 200;
                    } catch (AssertionError notYet) {
                        return false;
                    }
                });
    }

    /**
     * A process as it was while the stream flowed: its command and uid are read then, because
     * ProcessHandle.info() reads /proc when called and the relay exits once its receiver hangs up.
     */
    private record SeenProcess(ProcessHandle handle, String command, int uid) {

        static List<SeenProcess> of(List<ProcessHandle> processes) {
            return processes.stream().filter(ProcessHandle::isAlive)
                    .map(p -> new SeenProcess(p, p.info().command().orElse(""), ImageIT.uid(p))).toList();
        }
    }

    /** Relays 6 s through the container and checks the bytes; returns the container's processes as they were meanwhile. */
    private List<SeenProcess> relayOneChannelByteExact(Api api, ImageContainer container) throws IOException {
        Path ts = TestStream.withCues(20);
        byte[] sent = TestStream.bytes(ts);
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        List<SeenProcess> processes;
        try (SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("received.ts"), "")) {
            Api.Response channel = api.post("/api/channels", "{\"id\":\"image\",\"input\":{\"port\":" + input + "},\"started\":true}");
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            Api.Response output = api.post("/api/channels/image/outputs",
                    "{\"id\":\"srt\",\"url\":\"srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120\"}");
            assertThat(output.status()).as(output.body()).isEqualTo(201);
            await("output running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.ok("/api/channels/image/outputs/srt").path("status").path("state").asText(), "running"::equals);
            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x1a6e)
                    .start(new FileInputStream(ts.toFile()))) {
                await("6 s of stream through the container").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> receiver.bytesReceived() >= 6 * BYTES_PER_SECOND);
                processes = SeenProcess.of(container.processes());
            }
            byte[] received = receiver.received();
            received = Arrays.copyOf(received, received.length - received.length % 188);
            int offset = TsCapture.contiguousRunOffset(sent, received);
            byte[] sentRun = Arrays.copyOfRange(sent, offset, offset + received.length);
            assertThat(received).as("byte-exact relay").isEqualTo(sentRun);
            assertThat(TsCapture.sections(received, TestStream.SCTE35_PID)).as("SCTE-35 through the container").isNotEmpty();
        }
        return processes;
    }

    /** The real uid of a process, from /proc (the image's user has no name on the host); -1 if it has gone. */
    private static int uid(ProcessHandle process) {
        try {
            String uidLine = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            return Integer.parseInt(uidLine.split("\\s+")[1]);
        } catch (IOException gone) {
            return -1;
        }
    }
}
