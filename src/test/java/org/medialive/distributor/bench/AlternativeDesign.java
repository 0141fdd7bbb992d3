package org.medialive.distributor.bench;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.medialive.distributor.support.Ports;

/**
 * The designs we measure ourselves against, made of FFmpeg alone, as people build them:
 * <ul>
 *   <li>(a) one {@code ffmpeg} per output, each reading the channel's RTP itself and remuxing it
 *       ({@code -c copy}) to MPEG-TS over SRT or FLV over RTMP;</li>
 *   <li>(b) one {@code ffmpeg} per channel reading the RTP once and writing every output through
 *       the {@code tee} muxer.</li>
 * </ul>
 * FFmpeg's rtp:// input takes a port pair (RTP and RTCP), hence even ports with the next one free.
 */
final class AlternativeDesign {

    /** One output's destination: an SRT listener's port, or an RTMP URL. */
    record Destination(String protocol, int srtPort, String rtmpUrl) {

        String srtUrl() {
            // FFmpeg's SRT latency is in microseconds: 120 ms, as srt-live-transmit's default
            return "srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120000&pkt_size=1316";
        }
    }

    static String describe(String design) {
        return design.equals("a")
                ? "(a) one ffmpeg per output reading the RTP directly, -c copy to mpegts/SRT or flv/RTMP"
                : "(b) one ffmpeg per channel reading the RTP once, -c copy through the tee muxer";
    }

    /** Starts the processes for one channel; returns the ports its RTP must be sent to. */
    static List<InetSocketAddress> startChannel(String design, String channel, List<Destination> outputs,
                                                Path logDir, List<Process> processes) throws IOException {
        Files.createDirectories(logDir);
        List<InetSocketAddress> inputs = new ArrayList<>();
        if (design.equals("a")) {
            int i = 0;
            for (Destination output : outputs) {
                int port = freeRtpPort();
                List<String> command = input(port);
                if (output.protocol().equals("srt")) {
                    command.addAll(List.of("-map", "0", "-c", "copy", "-f", "mpegts", output.srtUrl()));
                } else {
                    command.addAll(List.of("-map", "0:v:0", "-map", "0:a:0", "-c", "copy", "-f", "flv", output.rtmpUrl()));
                }
                processes.add(start(command, logDir.resolve(channel + "-" + (++i) + ".log")));
                inputs.add(new InetSocketAddress("127.0.0.1", port));
            }
        } else {
            int port = freeRtpPort();
            List<String> command = input(port);
            StringBuilder tee = new StringBuilder();
            for (Destination output : outputs) {
                tee.append(tee.length() == 0 ? "" : "|");
                if (output.protocol().equals("srt")) {
                    tee.append("[f=mpegts:onfail=ignore]").append(output.srtUrl());
                } else {
                    tee.append("[f=flv:onfail=ignore:select=\\'v:0,a:0\\']").append(output.rtmpUrl());
                }
            }
            command.addAll(List.of("-map", "0", "-c", "copy"));
            if (outputs.stream().anyMatch(o -> o.protocol().equals("rtmp"))) {
                // the tee muxer keeps the input's MPEG-TS codec tags, which flv refuses: give flv's own
                // (H.264 7, AAC 10); the mpegts slaves ignore them
                command.addAll(List.of("-tag:v", "7", "-tag:a", "10"));
            }
            command.addAll(List.of("-f", "tee", tee.toString()));
            processes.add(start(command, logDir.resolve(channel + ".log")));
            inputs.add(new InetSocketAddress("127.0.0.1", port));
        }
        return inputs;
    }

    static void stopAll(List<Process> processes) {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> input(int port) {
        return new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-i", "rtp://127.0.0.1:" + port + "?buffer_size=4194304"));
    }

    private static Process start(List<String> command, Path log) throws IOException {
        Files.writeString(log, String.join(" ", command) + "\n");
        return new ProcessBuilder(DiesWithBench.command(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** An even UDP port whose successor is free too. */
    static int freeRtpPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = Ports.freeUdp() & ~1;
            try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                 DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1))) {
                return port;
            } catch (SocketException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free RTP port pair");
    }
}
