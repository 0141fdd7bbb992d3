package org.medialive.distributor.output.rtmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.Probe;
import org.medialive.distributor.support.RtmpServer;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** FLV takes one audio track: the chosen one (by PID or language), or none for a video-only channel. */
class RtmpTrackChoiceIT {

    @TempDir
    Path work;

    @Test
    void publishesTheChosenAudioTrackOrVideoAlone() throws Exception {
        int multiAudio = Ports.freeUdp();
        int videoOnly = Ports.freeUdp();
        try (RtmpServer nginx = RtmpServer.start(work.resolve("nginx"));
             DistributorServer server = new DistributorServer(work.resolve("data"), "rtmp-tracks").start();
             RtpPacer a = new RtpPacer(new InetSocketAddress("127.0.0.1", multiAudio), TestStream.BITRATE, 1)
                     .start(new FileInputStream(TestStream.twoAudioTracks(30).toFile()));
             RtpPacer b = new RtpPacer(new InetSocketAddress("127.0.0.1", videoOnly), TestStream.BITRATE, 2)
                     .start(new FileInputStream(TestStream.videoOnly(30).toFile()))) {
            Api api = server.api();
            String rtmp = "rtmp://127.0.0.1:" + nginx.port() + "/live/";
            api.post("/api/channels", "{\"id\":\"multi\",\"input\":{\"port\":" + multiAudio + "},\"started\":true}");
            api.post("/api/channels", "{\"id\":\"mute\",\"input\":{\"port\":" + videoOnly + "},\"started\":true}");
            assertThat(api.post("/api/channels/multi/outputs", "{\"id\":\"french\",\"url\":\"" + rtmp + "french-key\",\"audio\":\"lang:fra\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/multi/outputs", "{\"id\":\"pid482\",\"url\":\"" + rtmp + "pid-key\",\"audio\":\"pid:482\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/channels/mute/outputs", "{\"id\":\"video\",\"url\":\"" + rtmp + "video-key\"}").status()).isEqualTo(201);
            for (String path : List.of("multi/outputs/french", "multi/outputs/pid482", "mute/outputs/video")) {
                await(path + " publishing").atMost(Duration.ofSeconds(30)).until(() ->
                        api.ok("/api/channels/" + path).path("status").path("link").path("frames").asLong() > 100);
                assertThat(api.post("/api/channels/" + path + "/stop").status()).isEqualTo(200);
            }
            assertThat(audioSampleRates(nginx.recording("french-key"))).containsExactly(44100);
            assertThat(audioSampleRates(nginx.recording("pid-key"))).containsExactly(48000);
            JsonNode video = Probe.of(nginx.recording("video-key"));
            assertThat(video.findValuesAsText("codec_name")).containsExactly("h264");
        }
    }

    private static List<Integer> audioSampleRates(Path recording) {
        return Probe.of(recording).path("streams").findParents("codec_type").stream()
                .filter(s -> s.path("codec_type").asText().equals("audio"))
                .map(s -> s.path("sample_rate").asInt())
                .toList();
    }
}
