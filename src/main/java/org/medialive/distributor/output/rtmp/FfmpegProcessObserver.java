package org.medialive.distributor.output.rtmp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.medialive.distributor.output.Destination.ProcessObserver;
import org.medialive.distributor.output.OutputState;
import org.medialive.distributor.output.OutputStatus;

/**
 * Reads FFmpeg run with {@code -nostats -loglevel warning -progress pipe:1}: stdout brings
 * blocks of key=value lines ending in {@code progress=continue}; stderr carries warnings and
 * errors only, the last of which becomes the output's {@code lastError}.
 */
final class FfmpegProcessObserver implements ProcessObserver {

    private final RtmpDestination destination;
    private final OutputStatus status;
    private final Map<String, String> block = new LinkedHashMap<>();

    FfmpegProcessObserver(RtmpDestination destination, OutputStatus status) {
        this.destination = destination;
        this.status = status;
    }

    @Override
    public void stdout(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!key.equals("progress")) {
            block.put(key, value);
            return;
        }
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("frames", parseLong(block.get("frame")));
        progress.put("fps", parseDouble(block.get("fps")));
        progress.put("bitrateKbps", parseDouble(stripUnit(block.get("bitrate"), "kbits/s")));
        progress.put("speed", parseDouble(stripUnit(block.get("speed"), "x")));
        progress.put("outTimeMs", parseLong(block.get("out_time_us")) / 1000);
        status.link(progress);
        if (parseLong(block.get("frame")) > 0 || parseLong(block.get("total_size")) > 0) {
            status.moveTo(OutputState.RUNNING, "publishing to " + destination.protocol() + "://" + destination.hostPort());
        }
        block.clear();
    }

    @Override
    public void stderr(String line) {
        String text = line.strip();
        if (!text.isEmpty()) {
            status.error("ffmpeg: " + text);
        }
    }

    private static String stripUnit(String value, String unit) {
        return value == null ? null : value.replace(unit, "").strip();
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static double parseDouble(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value.strip());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
