package org.medialive.distributor.demo;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.channel.ChannelDefinition;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.channel.InputDefinition;
import org.medialive.distributor.channel.OutputService;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.ProcessRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode ({@code ./distributor run --demo}): a newcomer sees live data within a minute.
 * It runs a built-in test source (FFmpeg test pattern and tone, a SCTE-35 splice_insert
 * every 30 s) into a demo channel whose one SRT output calls a local srt-live-transmit
 * listener, which the demo also runs. The channel and output are created if missing and
 * then belong to the operator like any other: a stopped demo channel stays stopped.
 * <p>
 * A bare {@code --demo} sets the property {@code demo} to "" (an empty string), which
 * {@code @ConditionalOnProperty} counts as set; only {@code --demo=false} turns it off.
 */
@Component
@ConditionalOnProperty("demo")
class DemoMode implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    static final String OUTPUT_ID = "demo-srt";

    private final DemoProperties settings;
    private final ChannelService channels;
    private final OutputService outputs;
    private final Environment environment;
    private final DemoProcesses processes;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile DemoSource source;

    DemoMode(DemoProperties settings, DistributorProperties properties, ChannelService channels, OutputService outputs,
             ProcessRegistry registry, Environment environment) {
        this.settings = settings;
        this.channels = channels;
        this.outputs = outputs;
        this.environment = environment;
        this.processes = new DemoProcesses(registry, settings.restartDelay(), properties.output().stopGrace(),
                settings.passphrase());
    }

    /**
     * Starts once the server accepts traffic: that comes after every ApplicationReadyEvent
     * listener, so stored channels are restored and an earlier run's processes cleaned up
     * (which would otherwise stop ours).
     */
    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || !started.compareAndSet(false, true)) {
            return;
        }
        ChannelView channel;
        try {
            channel = demoChannel();
            demoOutput(channel);
        } catch (RequestRejectedException e) {
            LOG.warn("Demo mode not started: {} (change distributor.demo.* settings)", e.getMessage());
            return;
        }
        startListener();
        startSource(channel.input().port());
        LOG.info("Demo mode: channel '{}' receives a test pattern with a SCTE-35 cue every {} s; output '{}' "
                        + "sends it by SRT to a local listener on port {}. Dashboard: http://localhost:{}/",
                channel.id(), settings.cueInterval().toSeconds(), OUTPUT_ID, settings.srtPort(),
                environment.getProperty("local.server.port", "8000"));
    }

    private ChannelView demoChannel() {
        for (ChannelView existing : channels.list()) {
            if (existing.id().equals(settings.channel())) {
                return existing;
            }
        }
        InputDefinition input = new InputDefinition("127.0.0.1", settings.inputPort(), null, null, null);
        LOG.info("Demo: creating channel '{}' on UDP port {}", settings.channel(), settings.inputPort());
        return channels.create(new ChannelDefinition(settings.channel(), "Demo test pattern", input, true, List.of()));
    }

    private void demoOutput(ChannelView channel) {
        if (channel.outputs().stream().anyMatch(output -> output.id().equals(OUTPUT_ID))) {
            return;
        }
        LOG.info("Demo: adding output '{}' to channel '{}'", OUTPUT_ID, channel.id());
        outputs.add(channel.id(), new OutputDefinition(OUTPUT_ID, "Local SRT listener", srtUrl("caller"), true, null));
    }

    /** The receiving end, as a CDN would run it; what it receives goes to /dev/null. */
    private void startListener() {
        processes.keepRunning("srt-listener",
                List.of("srt-live-transmit", "-chunk:1316", srtUrl("listener"), "file://con"),
                ProcessBuilder.Redirect.DISCARD, process -> { });
    }

    private void startSource(int port) {
        DemoSource demo = new DemoSource(new InetSocketAddress("127.0.0.1", port), settings);
        source = demo;
        processes.keepRunning("ffmpeg", demo.ffmpegCommand(), ProcessBuilder.Redirect.PIPE, demo::feedFrom);
    }

    private String srtUrl(String mode) {
        return "srt://127.0.0.1:" + settings.srtPort() + "?mode=" + mode + "&latency=120&passphrase=" + settings.passphrase();
    }

    /** Runs after Camel has stopped the outputs, so the listener going away alarms no one. */
    @Override
    public void destroy() {
        processes.close(); // FFmpeg first: the pacer then ends on the end of its stream
        DemoSource demo = source;
        if (demo != null) {
            demo.close();
        }
    }
}
