package org.medialive.distributor.ingest.srt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.ingest.ChannelReceiver;
import org.medialive.distributor.output.ProcessRegistry;
import org.medialive.distributor.output.RestartBackoff;
import org.medialive.distributor.output.srt.SrtDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's SRT input: runs {@code srt-live-transmit srt://... file://con} on a thread of its
 * own, hands its stdout (the transport stream, byte for byte) to the channel's receiver in
 * chunks of whole TS packets, and starts it again with back-off when it exits (a caller whose
 * call failed, a listener whose sender left). The process leads its own group, carries the
 * data directory's marker and is recorded in {@link ProcessRegistry}, so a stop, a shutdown or
 * the next start after a crash ends it; it never outlives its channel.
 */
public final class SrtInput {

    private static final Logger LOG = LoggerFactory.getLogger(SrtInput.class);
    /** Statistics after this many SRT packets: about every 0.13 s at 8 Mbit/s, 1.5 s at 0.7 Mbit/s. */
    static final int STATS_EVERY_PACKETS = 100;

    private final String channelId;
    private final SrtDestination url;
    private final ChannelReceiver receiver;
    private final ProcessRegistry registry;
    private final Path runDir;
    private final DistributorProperties.Output timing;
    private final RestartBackoff backoff;
    private final SrtLink link;
    private final Thread loop;
    private final Object pause = new Object();
    private volatile boolean stopped;
    private volatile Process process;
    private volatile long restarts;
    private final io.netty.channel.EventLoopGroup ingestLoops;
    private final long wakeEveryNanos;
    private long lastWakeNanos;
    private static final Runnable WAKE = () -> { };

    public SrtInput(String channelId, SrtDestination url, ChannelReceiver receiver, DistributorProperties properties) {
        this.channelId = channelId;
        this.url = url;
        this.receiver = receiver;
        this.registry = new ProcessRegistry(properties);
        this.runDir = properties.dataPath().resolve("run").resolve("inputs").resolve(channelId);
        this.timing = properties.output();
        this.backoff = new RestartBackoff(timing.restartDelay(), timing.restartDelayMax(), timing.stableAfter());
        this.link = new SrtLink(url.listener() ? "port " + url.port() : hostPort(url), url.listener());
        this.ingestLoops = org.medialive.distributor.ingest.IngestEventLoops.shared(properties.ingest());
        this.wakeEveryNanos = Math.max(1_000_000L, properties.ingest().pollInterval().toNanos());
        this.loop = new Thread(this::run, "srt-input-" + channelId);
        loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    /** Ends the process group (TERM, then KILL after the grace period) and the thread; returns when both are gone. */
    public void stop() {
        stopped = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        Process running = process;
        if (running != null) {
            registry.stop(running, timing.stopGrace());
        }
        try {
            loop.join(timing.stopGrace().toMillis() * 2 + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public SrtLink link() {
        return link;
    }

    /** Times srt-live-transmit was started again after it exited. */
    public long restarts() {
        return restarts;
    }

    /** What the operator should fix; empty when all is well. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(1);
        if (!url.options().containsKey("passphrase")) {
            warnings.add("SRT input without a passphrase: the stream travels unencrypted and anyone who can reach "
                    + (url.listener() ? "port " + url.port() : "the path") + " can send or read it; MediaLive always sets one");
        }
        return warnings;
    }

    private void run() {
        while (!stopped) {
            long began = System.currentTimeMillis();
            try {
                runOnce();
            } catch (IOException e) {
                LOG.warn("Channel {}: SRT input could not run srt-live-transmit: {}", channelId, e.getMessage());
            }
            if (stopped) {
                return;
            }
            Duration wait = backoff.next(Duration.ofMillis(System.currentTimeMillis() - began));
            restarts++;
            synchronized (pause) {
                try {
                    if (!stopped) {
                        pause.wait(Math.max(1, wait.toMillis()));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void runOnce() throws IOException {
        StatsPipe stats = StatsPipe.create(runDir.resolve("stats.fifo"), line -> link.stats(line), "srt-input-stats-" + channelId);
        try {
            ProcessBuilder builder = new ProcessBuilder(command(stats.path()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process started = registry.markAsOurs(builder).start();
            process = started;
            registry.add(started.pid());
            if (stopped) {
                registry.stop(started, timing.stopGrace());
            }
            Thread errors = new Thread(() -> readMessages(started.getErrorStream()), "srt-input-err-" + channelId);
            errors.setDaemon(true);
            errors.start();
            readStream(started.getInputStream());
            int exit = waitFor(started);
            errors.join(2000);
            registry.remove(started.pid());
            link.exited(exit);
            if (!stopped) {
                LOG.info("Channel {}: SRT input's srt-live-transmit exited with {} ({})", channelId, exit, link.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            stats.close();
        }
    }

    private List<String> command(Path statsPipe) {
        // -a:no: exit when the connection fails or ends, so our back-off paces the retries.
        // -v: connection events on stderr; statistics go to their own pipe, stdout is the stream.
        return List.of("setsid", "srt-live-transmit", "-a:no", "-v", "-s:" + STATS_EVERY_PACKETS, "-pf:json", "-f",
                "-statsout:" + statsPipe, url.processUrl(), "file://con");
    }

    private void readStream(InputStream stream) throws IOException {
        TsChunker chunker = new TsChunker(receiver::receive);
        byte[] buffer = new byte[32 * 1024];
        int read;
        while ((read = stream.read(buffer)) >= 0) {
            chunker.feed(buffer, read);
            wakeIngestLoops();
        }
    }

    /**
     * The outputs' FIFOs are written by passes scheduled on the ingest event loops, and a paced loop
     * runs its scheduled tasks only after a look at its sockets finds datagrams or a task waits
     * (PacedSelectStrategy). An SRT input brings no datagrams to those sockets: it hands the loops
     * an empty task instead, at most once per poll interval, so the passes run as they would for RTP.
     */
    private void wakeIngestLoops() {
        long now = System.nanoTime();
        if (now - lastWakeNanos < wakeEveryNanos) {
            return;
        }
        lastWakeNanos = now;
        for (io.netty.util.concurrent.EventExecutor executor : ingestLoops) {
            executor.execute(WAKE);
        }
    }

    private void readMessages(InputStream stream) {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(stream, java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            SrtLink.State before = link.state();
            String errorBefore = link.lastError();
            while ((line = in.readLine()) != null) {
                link.stderr(masked(line));
                if (link.state() != before || link.lastError() != null && !link.lastError().equals(errorBefore)) {
                    before = link.state();
                    errorBefore = link.lastError();
                    LOG.info("Channel {}: SRT input {}: {}", channelId, before.name().toLowerCase(java.util.Locale.ROOT),
                            errorBefore != null && before != SrtLink.State.CONNECTED ? errorBefore : link.reason());
                }
            }
        } catch (IOException ended) {
            // the process closed its end
        }
    }

    private String masked(String line) {
        String text = line;
        for (String secret : url.secrets()) {
            if (!secret.isEmpty()) {
                text = text.replace(secret, "***");
            }
        }
        return text;
    }

    private static int waitFor(Process process) throws InterruptedException {
        return process.waitFor();
    }

    private static String hostPort(SrtDestination url) {
        return (url.host().contains(":") ? "[" + url.host() + "]" : url.host()) + ":" + url.port();
    }
}
