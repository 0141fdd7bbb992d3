package org.medialive.distributor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does: {@code channels} channels, each with the outputs in {@code outputs}
 * (protocol to count, e.g. srt:2,rtmp:1), fed at {@code mbps} Mbit/s; measured for {@code seconds}
 * after {@code warmup} seconds, then the same load through each alternative design for
 * {@code altSeconds}.
 */
public record BenchOptions(int channels, Map<String, Integer> outputs, double mbps, int seconds, int warmup,
                           List<String> alternatives, int altSeconds, int latencySeconds, String out, boolean thumbnails,
                           String input) {

    /** How the channels receive: RTP; RTP with SMPTE 2022-1 FEC (5 x 10, column and row); SRT; RTP on two inputs. */
    static final List<String> INPUTS = List.of("rtp", "fec", "srt", "redundant");

    static final String USAGE = """
            ./distributor bench [options]
              --channels N          channels (default 25)
              --outputs MIX         outputs per channel, e.g. srt:2,rtmp:1 (default)
              --mbps R              mux rate of every channel in Mbit/s (default 8)
              --seconds T           measured seconds of our server (default 300)
              --warmup W            seconds of load before measuring, every design (default 10)
              --alternatives LIST   a,b | a | b | none (default a,b): (a) one ffmpeg per output
                                    reading the RTP, (b) one ffmpeg per channel with the tee muxer
              --alt-seconds S       measured seconds of each alternative (default min(T, 60))
              --latency-seconds L   seconds of loopback capture for the latency figure (default min(T, 30); 0 = off)
              --out DIR             where report.md and report.json go (default target/bench)
              --thumbnails on|off   our server makes channel pictures (default off, as in the runs before them)
              --input MODE          what the channels receive (default rtp): fec adds SMPTE 2022-1 column and
                                    row FEC (L 5, D 10) to the RTP; srt sends each channel through its own
                                    srt-live-transmit caller to an SRT listener input; redundant sends the RTP
                                    to an input and a backupInput per channel (a hot standby), then silences
                                    every primary and measures the switch. Modes other than rtp measure our
                                    server only (--alternatives none): the alternative designs read RTP once
            """;

    public static BenchOptions defaults() {
        return parse(new String[0]);
    }

    public static BenchOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value\n" + USAGE);
            }
            given.put(key, value);
        }
        int channels = intOption(given, "channels", 25, 1, 200);
        Map<String, Integer> outputs = outputMix(given.getOrDefault("outputs", "srt:2,rtmp:1"));
        double mbps = Double.parseDouble(given.getOrDefault("mbps", "8"));
        if (mbps < 0.5 || mbps > 50) {
            throw new IllegalArgumentException("--mbps must be between 0.5 and 50");
        }
        int seconds = intOption(given, "seconds", 300, 1, 3600);
        int warmup = intOption(given, "warmup", 10, 0, 600);
        List<String> alternatives = new ArrayList<>();
        String alt = given.getOrDefault("alternatives", "a,b");
        if (!alt.equals("none")) {
            for (String a : alt.split(",")) {
                String name = a.trim();
                if (!name.equals("a") && !name.equals("b")) {
                    throw new IllegalArgumentException("--alternatives takes a, b, a,b or none, not '" + alt + "'");
                }
                if (!alternatives.contains(name)) {
                    alternatives.add(name);
                }
            }
        }
        int altSeconds = intOption(given, "alt-seconds", Math.min(seconds, 60), 1, 3600);
        int latencySeconds = intOption(given, "latency-seconds", Math.min(seconds, 30), 0, 3600);
        String out = given.getOrDefault("out", "target/bench");
        String pictures = given.getOrDefault("thumbnails", "off");
        if (!pictures.equals("on") && !pictures.equals("off")) {
            throw new IllegalArgumentException("--thumbnails takes on or off, not '" + pictures + "'");
        }
        String input = given.getOrDefault("input", "rtp");
        if (!INPUTS.contains(input)) {
            throw new IllegalArgumentException("--input takes rtp, fec, srt or redundant, not '" + input + "'");
        }
        if (!input.equals("rtp") && !alternatives.isEmpty()) {
            if (given.containsKey("alternatives")) {
                throw new IllegalArgumentException("--input " + input + " measures our server only: the alternative designs read RTP; use --alternatives none");
            }
            alternatives.clear();
        }
        for (String key : given.keySet()) {
            if (!List.of("channels", "outputs", "mbps", "seconds", "warmup", "alternatives", "alt-seconds",
                    "latency-seconds", "out", "thumbnails", "input").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
        }
        return new BenchOptions(channels, outputs, mbps, seconds, warmup, List.copyOf(alternatives), altSeconds,
                Math.min(latencySeconds, seconds), out, pictures.equals("on"), input);
    }

    public long bitsPerSecond() {
        return Math.round(mbps * 1_000_000);
    }

    public int srtPerChannel() {
        return outputs.getOrDefault("srt", 0);
    }

    public int rtmpPerChannel() {
        return outputs.getOrDefault("rtmp", 0);
    }

    public String outputMix() {
        StringBuilder mix = new StringBuilder();
        outputs.forEach((protocol, count) -> mix.append(mix.length() == 0 ? "" : ",").append(protocol).append(':').append(count));
        return mix.toString();
    }

    private static Map<String, Integer> outputMix(String text) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2 || !(kv[0].equals("srt") || kv[0].equals("rtmp"))) {
                throw new IllegalArgumentException("--outputs is like srt:2,rtmp:1, not '" + text + "'");
            }
            int count = Integer.parseInt(kv[1]);
            if (count < 0 || count > 20) {
                throw new IllegalArgumentException("--outputs: 0 to 20 of each protocol");
            }
            mix.merge(kv[0], count, Integer::sum);
        }
        if (mix.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("--outputs: at least one output per channel");
        }
        return mix;
    }

    private static int intOption(Map<String, String> given, String key, int fallback, int min, int max) {
        String value = given.get(key);
        if (value == null) {
            return fallback;
        }
        int parsed = Integer.parseInt(value);
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + max);
        }
        return parsed;
    }
}
