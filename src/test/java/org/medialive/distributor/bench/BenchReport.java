package org.medialive.distributor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The benchmark's result: report.json (everything) and report.md (the tables). */
public record BenchReport(Instant started, Machine machine, BenchOptions options, String stream,
                          List<DesignResult> designs, Map<String, Ratio> ratios, List<Target> targets) {

    /** Ours divided by an alternative, over the same load in the same run. */
    public record Ratio(double cpu, double memory) {
    }

    /** @param met null when it could not be judged (e.g. the alternative was not run) */
    public record Target(String name, String goal, String value, Boolean met) {
    }

    public record Machine(String cpu, int cores, long memoryMb, String kernel, String java, String ffmpeg,
                          String srt, String nginx) {
    }

    static BenchReport of(Instant started, BenchOptions options, Path stream, List<DesignResult> designs) {
        DesignResult ours = designs.get(0);
        Map<String, Ratio> ratios = new LinkedHashMap<>();
        for (DesignResult d : designs.subList(1, designs.size())) {
            ratios.put(d.design(), new Ratio(ratio(ours.totalCpuPercent(), d.totalCpuPercent()),
                    ratio(ours.totalPeakRssKb(), d.totalPeakRssKb())));
        }
        List<Target> targets = new ArrayList<>();
        DesignResult.Traffic t = ours.traffic();
        DesignResult.Deliveries del = ours.deliveries();
        targets.add(new Target("queue drops", "0", Long.toString(t.queueDrops()), t.queueDrops() == 0));
        long cc = t.inputCcErrors() + del.srtCcErrors();
        targets.add(new Target("CC errors (input + SRT receivers)", "0", Long.toString(cc), cc == 0));
        targets.add(new Target("SRT receivers byte-exact", "all", del.srtByteExact() + " of " + del.srtReceivers(),
                del.srtReceivers() == 0 ? null : del.srtByteExact() != null && del.srtByteExact() == del.srtReceivers()));
        targets.add(new Target("JVM CPU", "<= 10 % of one core", fmt(ours.jvm().cpuPercent()) + " %",
                ours.jvm().cpuPercent() <= 10));
        targets.add(new Target("heap used (max)", "<= 256 MB", fmt(ours.heap().maxMb()) + " MB", ours.heap().maxMb() <= 256));
        LatencyProbe.Latency l = ours.latency();
        targets.add(new Target("added latency p99", "<= 5 ms", l == null || l.samples() == 0 ? "not measured" : fmt(l.p99()) + " ms",
                l == null || l.samples() == 0 ? null : l.p99() <= 5));
        Ratio a = ratios.get("a");
        targets.add(new Target("total CPU vs design (a)", "<= 0.8x", a == null ? "not run" : fmt(a.cpu()) + "x",
                a == null ? null : a.cpu() <= 0.8));
        return new BenchReport(started, machineHere(), options, stream.getFileName().toString(), designs, ratios, targets);
    }

    void write(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("report.json"), json.writeValueAsString(this));
        Files.writeString(dir.resolve("report.md"), markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: ").append(options.channels()).append(" channels x (").append(options.outputMix())
                .append(") at ").append(fmt(options.mbps())).append(" Mbit/s\n\n");
        md.append("Run ").append(started).append(" on ").append(machine.cpu()).append(", ").append(machine.cores())
                .append(" cores, ").append(machine.memoryMb() / 1024).append(" GB, Linux ").append(machine.kernel())
                .append(", Java ").append(machine.java()).append(", ").append(machine.ffmpeg()).append(", ")
                .append(machine.srt()).append(", ").append(machine.nginx()).append(".\n");
        md.append("Source: `").append(stream).append("` (H.264/AAC, SCTE-35 every 4 s, null-padded to the mux rate), ")
                .append("input: ").append(BenchInputs.describe(options.input())).append(". Warm-up ").append(options.warmup()).append(" s per design; ")
                .append("CPU is user+sys as % of ONE core (200 % = the whole 2-core box).\n\n");

        List<DesignResult> ds = designs;
        md.append("| | ").append(String.join(" | ", ds.stream().map(d -> d.design().equals("ours") ? "**ours**" : "(" + d.design() + ")").toList())).append(" |\n");
        md.append("|---|").append("---|".repeat(ds.size())).append('\n');
        row(md, "design", ds, DesignResult::description);
        row(md, "measured for", ds, d -> fmt(d.seconds()) + " s");
        row(md, "CPU, JVM", ds, d -> d.jvm() == null ? "–" : fmt(d.jvm().cpuPercent()) + " %");
        row(md, "CPU, child processes", ds, d -> fmt(d.children().cpuPercent()) + " % (" + d.children().processes() + " processes)");
        row(md, "**CPU, total**", ds, d -> "**" + fmt(d.totalCpuPercent()) + " %**");
        row(md, "peak RSS, JVM", ds, d -> d.jvm() == null ? "–" : mb(d.jvm().peakRssKb()));
        row(md, "peak RSS, child processes (sum; largest)", ds, d -> mb(d.children().peakRssKb()) + "; " + mb(d.children().maxProcessRssKb()));
        row(md, "**peak RSS, total**", ds, d -> "**" + mb(d.totalPeakRssKb()) + "**");
        row(md, "heap used, average / max", ds, d -> d.heap() == null ? "–" : fmt(d.heap().averageMb()) + " / " + fmt(d.heap().maxMb()) + " MB");
        row(md, "**ours / this design: CPU, memory**", ds, d -> {
            Ratio r = ratios.get(d.design());
            return r == null ? "–" : "**" + fmt(r.cpu()) + "x, " + fmt(r.memory()) + "x**";
        });
        row(md, "datagrams sent / received", ds, d -> d.traffic().datagramsSent() + " / "
                + (d.traffic().datagramsReceived() == null ? "?" : d.traffic().datagramsReceived()));
        row(md, "dropped at the input sockets (kernel)", ds, d -> Long.toString(d.traffic().socketDrops()));
        row(md, "RTP lost / malformed", ds, d -> d.traffic().rtpLost() == null ? "–" : d.traffic().rtpLost() + " / " + d.traffic().malformed());
        row(md, "queue drops (TS packets)", ds, d -> d.traffic().queueDrops() == null ? "– (none counted)" : Long.toString(d.traffic().queueDrops()));
        row(md, "CC errors: input / SRT receivers", ds, d -> (d.traffic().inputCcErrors() == null ? "–" : d.traffic().inputCcErrors())
                + " / " + d.deliveries().srtCcErrors());
        row(md, "SCTE-35 cues seen by the server", ds, d -> d.traffic().cuesSeen() == null ? "–" : Long.toString(d.traffic().cuesSeen()));
        row(md, "SRT receivers byte-exact", ds, d -> d.deliveries().srtByteExact() == null ? "not checked (remuxed by FFmpeg)"
                : d.deliveries().srtByteExact() + " of " + d.deliveries().srtReceivers());
        row(md, "bytes at SRT / RTMP receivers", ds, d -> mb(d.deliveries().srtBytes() / 1024) + " / " + mb(d.deliveries().rtmpBytes() / 1024));
        row(md, "added latency RTP in -> SRT out, p50 / p99 / max", ds, d -> d.latency() == null || d.latency().samples() == 0 ? "–"
                : fmt(d.latency().p50()) + " / " + fmt(d.latency().p99()) + " / " + fmt(d.latency().max()) + " ms (" + d.latency().samples() + " packets)");
        for (String path : List.of("/api/stats", "/api/channels", "/actuator/health")) {
            row(md, "GET " + path + " p50 / p99 / max", ds, d -> {
                DesignResult.Timing timing = d.api() == null ? null : d.api().get(path);
                return timing == null ? "–" : fmt(timing.p50()) + " / " + fmt(timing.p99()) + " / " + fmt(timing.max()) + " ms"
                        + (timing.failures() > 0 ? " (" + timing.failures() + " failed)" : "");
            });
        }
        row(md, "dashboard feed (/ws): gap between snapshots p50 / p99 / max", ds, d -> {
            DesignResult.Timing gaps = d.api() == null ? null : d.api().get(LiveFeedWatcher.KEY);
            return gaps == null ? "–" : fmt(gaps.p50()) + " / " + fmt(gaps.p99()) + " / " + fmt(gaps.max()) + " ms ("
                    + gaps.samples() + " gaps" + (gaps.failures() > 0 ? ", connection lost " + gaps.failures() + " times" : "") + ")";
        });
        row(md, "receivers' CPU (SRT listeners + nginx; not part of the design)", ds, d -> fmt(d.receivers().cpuPercent()) + " %");
        row(md, "pacer's worst lateness", ds, d -> fmt(d.pacerMaxLatenessMs()) + " ms");
        md.append("\n## Targets\n\n| target | goal | this run | |\n|---|---|---|---|\n");
        for (Target target : targets) {
            md.append("| ").append(target.name()).append(" | ").append(target.goal()).append(" | ").append(target.value())
                    .append(" | ").append(target.met() == null ? "–" : target.met() ? "met" : "**missed**").append(" |\n");
        }
        for (DesignResult d : ds) {
            if (!d.notes().isEmpty()) {
                md.append("\nNotes, ").append(d.design()).append(":\n");
                d.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            }
        }
        md.append("\n## Receivers\n\n| receiver | bytes | CC errors | byte-exact | problem |\n|---|---|---|---|---|\n");
        for (DesignResult d : ds) {
            for (SrtListener.Result r : d.outputs()) {
                md.append("| ").append(r.name()).append(" | ").append(r.bytes()).append(" | ")
                        .append(r.ccErrors() == null ? "–" : r.ccErrors()).append(" | ")
                        .append(r.byteExact() == null ? "–" : r.byteExact() ? "yes" : "**no**").append(" | ")
                        .append(r.problem() == null ? "" : r.problem()).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, List<DesignResult> ds, Function<DesignResult, String> cell) {
        md.append("| ").append(name).append(" | ");
        for (DesignResult d : ds) {
            md.append(cell.apply(d).replace("|", "\\|")).append(" | ");
        }
        md.setLength(md.length() - 1);
        md.append('\n');
    }

    static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
                : String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String mb(long kb) {
        return fmt(Math.round(kb / 102.4) / 10.0) + " MB";
    }

    private static double ratio(double ours, double theirs) {
        return theirs <= 0 ? 0 : Math.round(ours / theirs * 100) / 100.0;
    }

    static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    /** The machine, as far as it is cheap to tell. */
    static Machine machineHere() {
        String cpu = "unknown";
        long memory = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // leave unknown
        }
        String srt = firstLine("sh", "-c", "dpkg-query -W -f='srt-tools ${Version}' srt-tools 2>/dev/null");
        String ffmpeg = firstLine("ffmpeg", "-version").replaceAll(" Copyright.*", "");
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.version"), System.getProperty("java.version"), ffmpeg, srt,
                firstLine("nginx", "-v").replace("nginx version: ", ""));
    }
}
