package org.medialive.distributor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.ChildProcesses;
import org.medialive.distributor.support.Directories;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;

/**
 * Runs the benchmark: our server (the packaged jar, as operators run it) with N channels x M
 * outputs, then the same load through the alternative designs, one after the other in the same
 * run, each with fresh receivers; see docs/PERFORMANCE.md.
 */
public final class Bench {

    private final BenchOptions options;
    private final Path out;
    private ByteBuffer sent;
    private RtmpSink rtmp;
    private boolean quickStart;

    /** A smoke test's run: the server starts the test suite's quick way, as its figures are not kept. */
    Bench quickStart() {
        quickStart = true;
        return this;
    }

    public Bench(BenchOptions options) {
        this.options = options;
        this.out = Path.of(options.out()).toAbsolutePath();
    }

    /** Runs every design and writes report.md and report.json; returns the report. */
    public BenchReport run() throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(out);
        int seconds = options.warmup() + Math.max(options.seconds(), options.altSeconds()) + 40;
        Path stream = BenchStream.atLeast(options.bitsPerSecond(), seconds, out.resolve("streams"));
        sent = BenchStream.map(stream);
        List<DesignResult> designs = new ArrayList<>();
        Directories.deleteRecursively(out.resolve("run"));
        try (RtmpSink sink = RtmpSink.start(out.resolve("run").resolve("nginx"))) {
            rtmp = sink;
            designs.add(runOurs());
            for (String alternative : options.alternatives()) {
                designs.add(runAlternative(alternative));
            }
        }
        BenchReport report = BenchReport.of(started, options, stream, designs);
        report.write(out);
        return report;
    }

    private DesignResult runOurs() throws Exception {
        log("ours: %d channels x (%s) at %.1f Mbit/s, %d s warm-up + %d s measured, thumbnails %s, input %s", options.channels(),
                options.outputMix(), options.mbps(), options.warmup(), options.seconds(), options.thumbnails() ? "on" : "off", options.input());
        Path data = out.resolve("run").resolve("ours-data");
        List<String> notes = new ArrayList<>();
        List<SrtListener> listeners = new ArrayList<>();
        try (BenchInputs inputs = new BenchInputs(options.input(), Files.createDirectories(out.resolve("run").resolve("senders")));
             DistributorServer server = new DistributorServer(data, "bench",
                "--distributor.thumbnails.enabled=" + options.thumbnails()).asOperatorsRunIt(!quickStart).start()) {
            // An API token, not HTTP Basic: Basic costs a bcrypt check (~0.1 s of CPU) on every request,
            // which the once-a-second polling below would add to the JVM's figures.
            Api.Response issued = server.api().post("/api/tokens", "{\"name\":\"bench\",\"role\":\"operator\"}");
            created(issued);
            String token = issued.json().path("token").asText();
            Api api = server.anonymous().withToken(token);
            try {
                for (int c = 0; c < options.channels(); c++) {
                    String id = channelId(c);
                    created(api.post("/api/channels", "{\"id\":\"" + id + "\"," + inputs.add(c) + ",\"started\":true}"));
                    for (int s = 1; s <= options.srtPerChannel(); s++) {
                        int port = Ports.freeUdp();
                        listeners.add(SrtListener.start("ours-" + id + "-srt" + s, port, sent, out.resolve("run").resolve("receivers")));
                        created(api.post("/api/channels/" + id + "/outputs", "{\"id\":\"srt" + s
                                + "\",\"url\":\"srt://127.0.0.1:" + port + "?mode=caller&latency=120\"}"));
                    }
                    for (int r = 1; r <= options.rtmpPerChannel(); r++) {
                        created(api.post("/api/channels/" + id + "/outputs", "{\"id\":\"rtmp" + r
                                + "\",\"url\":\"" + rtmp.url("ours-" + id + "-rtmp" + r) + "\"}"));
                    }
                }
                awaitOutputsRunning(api, notes);
                inputs.startSenders();
                MultiPacer pacer = inputs.pacer(sent, options.bitsPerSecond()).start();
                try {
                    sleep(options.warmup());
                    int expected = options.channels() * (options.srtPerChannel() + options.rtmpPerChannel());
                    int running = countRunning(api);
                    if (running < expected) {
                        notes.add(running + " of " + expected + " outputs were running when the measurement began");
                    }
                    ProcessSampler sampler = new ProcessSampler()
                            .group("jvm", () -> List.of(server.pid()))
                            // the supervised ones; a thumbnail's decode is counted once it has ended ("ended" below)
                            .group("children", () -> ChildProcesses.supervised(data))
                            .group("receivers", () -> receiverPids(listeners))
                            .group("senders", inputs::senderPids)
                            .endedChildrenOf("ended", () -> List.of(server.pid()))
                            .start();
                    ApiPoller poller = new ApiPoller(api).start();
                    LiveFeedWatcher feed = LiveFeedWatcher.start(server.port(), token);
                    LatencyProbe.Latency latency = null;
                    long measuredMillis = options.seconds() * 1000L;
                    if (options.latencySeconds() > 0 && !listeners.isEmpty()) {
                        if (LatencyProbe.available()) {
                            LatencyProbe probe = LatencyProbe.start(out.resolve("run").resolve("latency.pcap"),
                                    inputs.firstTargetPort(), listeners.get(0).port());
                            sleepMillis(options.latencySeconds() * 1000L);
                            latency = probe.stop();
                            measuredMillis -= options.latencySeconds() * 1000L;
                        } else {
                            notes.add("latency not measured: tcpdump is not installed (packaging/packages-bench.txt)");
                        }
                    }
                    progress(measuredMillis, listeners);
                    sampler.stop();
                    poller.stop();
                    feed.close();
                    Map<String, DesignResult.Timing> responsiveness = new LinkedHashMap<>(poller.timings());
                    responsiveness.put(LiveFeedWatcher.KEY, feed.gaps());
                    long socketDrops = SocketDrops.of(new HashSet<>(inputs.ports()));
                    SwitchProbe switches = options.input().equals("redundant")
                            ? SwitchProbe.silencePrimaries(api, pacer, options.channels()) : null;
                    pacer.close();
                    if (!pacer.finished()) {
                        notes.add("the pacer did not stop in time");
                    }
                    if (switches == null) {
                        awaitDelivered(listeners, pacer); // what the buffers and SRT still hold; then a fresh snapshot
                    } else {
                        awaitQuiet(listeners); // the switch's gap never arrives: wait for what is in flight only
                    }
                    JsonNode stats = api.ok("/api/stats");
                    if (options.input().equals("fec")) {
                        notes.add(fecNote(stats));
                    }
                    Map<String, Long> rtmpBytes = rtmp.bytesByStream();
                    List<SrtListener.Result> results = new ArrayList<>();
                    listeners.forEach(l -> results.add(l.stop()));
                    if (switches != null) {
                        notes.add(switches.note(results, pacer, options.srtPerChannel()));
                    }
                    addRtmp(results, rtmpBytes, "ours-");
                    ProcessSampler.Usage jvm = sampler.usage("jvm");
                    ProcessSampler.Usage children = sampler.usage("children");
                    ProcessSampler.Usage ended = sampler.usage("ended");
                    if (ended.cpuPercent() > 0) {
                        notes.add("processes that ended while measured (thumbnail decodes, restarted outputs) used "
                                + ended.cpuPercent() + " % CPU, counted in ours' total");
                    }
                    if (!options.input().equals("rtp")) {
                        notes.add("input: " + BenchInputs.describe(options.input()) + (options.input().equals("srt")
                                ? "; the SRT senders used " + sampler.usage("senders").cpuPercent() + " % CPU (not counted as ours)" : ""));
                    }
                    return new DesignResult("ours", "MediaLive Distributor: one JVM, srt-live-transmit per SRT output, "
                            + "ffmpeg (TS to FLV) per RTMP output, each fed through its own FIFO", sampler.seconds(),
                            jvm, children, sampler.usage("receivers"),
                            ProcessSampler.round(jvm.cpuPercent() + children.cpuPercent() + ended.cpuPercent()),
                            jvm.peakRssKb() + children.peakRssKb(), poller.heap(),
                            traffic(stats, pacer, socketDrops), results, deliveries(results),
                            latency, responsiveness, pacer.maxLatenessMillis(), notes);
                } finally {
                    pacer.close();
                }
            } finally {
                listeners.forEach(SrtListener::close);
            }
        }
    }

    private DesignResult runAlternative(String design) throws Exception {
        log("%s: %d s warm-up + %d s measured", AlternativeDesign.describe(design), options.warmup(), options.altSeconds());
        List<String> notes = new ArrayList<>();
        List<SrtListener> listeners = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        List<List<InetSocketAddress>> targets = new ArrayList<>();
        Set<Integer> inputPorts = new HashSet<>();
        Path logs = out.resolve("run").resolve("design-" + design);
        try {
            for (int c = 0; c < options.channels(); c++) {
                String id = channelId(c);
                List<AlternativeDesign.Destination> destinations = new ArrayList<>();
                for (int s = 1; s <= options.srtPerChannel(); s++) {
                    int port = Ports.freeUdp();
                    listeners.add(SrtListener.start(design + "-" + id + "-srt" + s, port, null, out.resolve("run").resolve("receivers")));
                    destinations.add(new AlternativeDesign.Destination("srt", port, null));
                }
                for (int r = 1; r <= options.rtmpPerChannel(); r++) {
                    destinations.add(new AlternativeDesign.Destination("rtmp", 0, rtmp.url(design + "-" + id + "-rtmp" + r)));
                }
                List<InetSocketAddress> inputs = AlternativeDesign.startChannel(design, id, destinations, logs, processes);
                inputs.forEach(a -> inputPorts.add(a.getPort()));
                targets.add(inputs);
            }
            try {
                Awaitility.await("the ffmpeg processes bind their input ports").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100)).until(() -> SocketDrops.allBound(inputPorts));
            } catch (ConditionTimeoutException slow) {
                notes.add("not every ffmpeg had bound its input port when the load began");
            }
            MultiPacer pacer = new MultiPacer(sent, options.bitsPerSecond(), targets).start();
            try {
                sleep(options.warmup());
                ProcessSampler sampler = new ProcessSampler()
                        .group("children", () -> processes.stream().filter(Process::isAlive).map(Process::pid).toList())
                        .group("receivers", () -> receiverPids(listeners))
                        .start();
                progress(options.altSeconds() * 1000L, listeners);
                sampler.stop();
                long socketDrops = SocketDrops.of(inputPorts);
                long exited = processes.stream().filter(p -> !p.isAlive()).count();
                if (exited > 0) {
                    notes.add(exited + " of " + processes.size() + " ffmpeg processes exited during the run (logs in " + logs + ")");
                }
                pacer.close();
                awaitQuiet(listeners); // remuxed streams have no expected size: wait until nothing more arrives
                Map<String, Long> rtmpBytes = rtmp.bytesByStream();
                List<SrtListener.Result> results = new ArrayList<>();
                listeners.forEach(l -> results.add(l.stop()));
                addRtmp(results, rtmpBytes, design + "-");
                ProcessSampler.Usage children = sampler.usage("children");
                long sentDatagrams = 0;
                for (int c = 0; c < options.channels(); c++) {
                    sentDatagrams += pacer.datagrams(c);
                }
                return new DesignResult(design, AlternativeDesign.describe(design), sampler.seconds(), null, children,
                        sampler.usage("receivers"), children.cpuPercent(), children.peakRssKb(), null,
                        new DesignResult.Traffic(sentDatagrams, null, null, null, socketDrops, null, null, null),
                        results, deliveries(results), null, null, pacer.maxLatenessMillis(), notes);
            } finally {
                pacer.close();
            }
        } finally {
            AlternativeDesign.stopAll(processes);
            listeners.forEach(SrtListener::close);
        }
    }

    /** What the channels' FEC did: proof the FEC packets were received and used, not just sent. */
    private static String fecNote(JsonNode stats) {
        long columns = 0;
        long rows = 0;
        long recovered = 0;
        long refused = 0;
        for (JsonNode channel : stats.path("channels")) {
            JsonNode fec = channel.path("status").path("fec");
            refused += fec.path("malformed").asLong();
            columns += fec.path("columnPackets").asLong();
            rows += fec.path("rowPackets").asLong();
            recovered += fec.path("recovered").asLong();
        }
        return "FEC: " + columns + " column and " + rows + " row packets received, " + refused + " refused, " + recovered + " media packets rebuilt";
    }

    private DesignResult.Traffic traffic(JsonNode stats, MultiPacer pacer, long socketDrops) {
        long sentDatagrams = 0;
        for (int c = 0; c < options.channels(); c++) {
            sentDatagrams += pacer.datagrams(c);
        }
        long received = 0;
        long lost = 0;
        long malformed = 0;
        long drops = 0;
        long cc = 0;
        long cues = 0;
        for (JsonNode channel : stats.path("channels")) {
            JsonNode status = channel.path("status");
            received += status.path("datagrams").asLong();
            lost += status.path("rtpLost").asLong();
            malformed += status.path("malformed").asLong();
            cc += channel.path("stream").path("totalCcErrors").asLong();
            cues += channel.path("stream").path("cuesSeen").asLong();
            for (JsonNode output : channel.path("outputs")) {
                drops += output.path("status").path("drops").asLong();
            }
        }
        return new DesignResult.Traffic(sentDatagrams, received, lost, malformed, socketDrops, drops, cc, cues);
    }

    private DesignResult.Deliveries deliveries(List<SrtListener.Result> results) {
        int srt = 0;
        long srtBytes = 0;
        Integer exact = null;
        long cc = 0;
        int rtmpCount = 0;
        long rtmpBytes = 0;
        for (SrtListener.Result r : results) {
            if (r.protocol().equals("srt")) {
                srt++;
                srtBytes += r.bytes();
                cc += r.ccErrors() == null ? 0 : r.ccErrors();
                if (r.byteExact() != null) {
                    exact = (exact == null ? 0 : exact) + (r.byteExact() ? 1 : 0);
                }
            } else {
                rtmpCount++;
                rtmpBytes += r.bytes();
            }
        }
        return new DesignResult.Deliveries(srt, srtBytes, exact, cc, rtmpCount, rtmpBytes, 0);
    }

    private void addRtmp(List<SrtListener.Result> results, Map<String, Long> bytes, String prefix) {
        for (int c = 0; c < options.channels(); c++) {
            for (int r = 1; r <= options.rtmpPerChannel(); r++) {
                String key = prefix + channelId(c) + "-rtmp" + r;
                results.add(new SrtListener.Result(key, "rtmp", bytes.getOrDefault(key, 0L), null, null,
                        bytes.containsKey(key) ? null : "nothing published"));
            }
        }
    }

    /**
     * Waits until every SRT receiver of ours has as many bytes as its channel was sent, or 10 s
     * have passed (a receiver that lost packets never gets there; the report shows it).
     */
    private void awaitDelivered(List<SrtListener> listeners, MultiPacer pacer) {
        int perChannel = Math.max(1, options.srtPerChannel());
        try {
            Awaitility.await("SRT receivers have everything sent").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        for (int i = 0; i < listeners.size(); i++) {
                            if (listeners.get(i).bytes() < pacer.bytes(i / perChannel)) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException incomplete) {
            // measured as it is: missing bytes show as not byte-exact / short receivers
        }
    }

    /** Waits until the receivers' byte counts stop growing (two polls 0.5 s apart agree), at most 10 s. */
    private static void awaitQuiet(List<SrtListener> listeners) {
        long[] last = {-1};
        try {
            Awaitility.await("the receivers have what was in flight").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        long now = listeners.stream().mapToLong(SrtListener::bytes).sum();
                        boolean quiet = now == last[0];
                        last[0] = now;
                        return quiet;
                    });
        } catch (ConditionTimeoutException stillArriving) {
            // measured as it is
        }
    }

    private void awaitOutputsRunning(Api api, List<String> notes) {
        int expected = options.channels() * (options.srtPerChannel() + options.rtmpPerChannel());
        long deadline = System.nanoTime() + Duration.ofSeconds(60 + expected).toNanos();
        int running = 0;
        while (System.nanoTime() < deadline) {
            running = 0;
            for (JsonNode channel : api.ok("/api/channels")) {
                for (JsonNode output : channel.path("outputs")) {
                    String state = output.path("status").path("state").asText();
                    // SRT callers connect before data flows; RTMP publishes only once it has data
                    if (state.equals("running") || output.path("protocol").asText().equals("rtmp") && state.equals("starting")) {
                        running++;
                    }
                }
            }
            if (running == expected) {
                log("ours: %d outputs started (SRT connected)", running);
                return;
            }
            sleepMillis(500);
        }
        notes.add("only " + running + " of " + expected + " outputs had started before the load began");
    }

    private static int countRunning(Api api) {
        int running = 0;
        for (JsonNode channel : api.ok("/api/channels")) {
            for (JsonNode output : channel.path("outputs")) {
                if (output.path("status").path("state").asText().equals("running")) {
                    running++;
                }
            }
        }
        return running;
    }

    /** Waits, printing the receivers' progress every 10 s. */
    private void progress(long millis, List<SrtListener> listeners) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            sleepMillis(Math.min(10_000, end - System.currentTimeMillis()));
            long bytes = listeners.stream().mapToLong(SrtListener::bytes).sum();
            log("  %d s left; SRT receivers have %d MB", Math.max(0, (end - System.currentTimeMillis()) / 1000), bytes >> 20);
            rtmp.bytesByStream();
        }
    }

    private List<Long> receiverPids(List<SrtListener> listeners) {
        List<Long> pids = new ArrayList<>(rtmp.pids());
        listeners.forEach(l -> pids.add(l.pid()));
        return pids;
    }

    private static String channelId(int c) {
        return String.format("c%02d", c + 1);
    }

    private static void created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("the server refused: " + response.status() + " " + response.body());
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    private static void sleep(int seconds) {
        sleepMillis(seconds * 1000L);
    }

    private static void sleepMillis(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
