package org.medialive.distributor.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.monitoring.BitrateMeter;

/**
 * One running destination of a channel: its buffer, its route and process, its status.
 * The channel's receiver calls {@link #accept} for every datagram's packets; everything
 * else happens on the output's own and the FIFO flusher's threads, so nothing here can hold up the channel.
 */
public final class Output {

    private final String channelId;
    private volatile OutputDefinition definition;
    private final Destination destination;
    private final OutputFactory context;
    private final OutputStatus status;
    private final PacketRing ring;
    private final OutputCues cues;
    private volatile boolean feeding;
    private volatile OutputSupervisor supervisor;
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile long restarts;
    private final BitrateMeter bitrate = new BitrateMeter();

    Output(String channelId, OutputDefinition definition, Destination destination, CueSource cueSource,
           OutputFactory context) {
        this.channelId = channelId;
        this.definition = definition;
        this.destination = destination;
        this.context = context;
        this.status = new OutputStatus(channelId, definition.id(), context.listener());
        this.ring = new PacketRing((int) context.properties().output().buffer().toBytes());
        this.cues = new OutputCues(cueSource, destination.carriesScte35());
    }

    /** Called by the channel's receiver: never blocks, drops (and counts) when the buffer is full. */
    public void accept(byte[] buffer, int offset, int length) {
        if (feeding) {
            ring.offer(buffer, offset, length);
        }
    }

    /** Adds this output's route; its process starts right away. */
    public synchronized void start() {
        if (supervisor != null) {
            return;
        }
        DistributorProperties.Output settings = context.properties().output();
        supervisor = new OutputSupervisor(this,
                new RestartBackoff(settings.restartDelay(), settings.restartDelayMax(), settings.stableAfter()),
                settings.maxRestarts(), settings.stopGrace(), context.stopper());
        Map<String, Object> parameters = new HashMap<>(destination.routeParameters(definition));
        parameters.put("channel", channelId);
        parameters.put("output", definition.id());
        context.routes().add(destination.routeTemplate(), routeId(), parameters, Map.of("supervisor", supervisor));
    }

    /** Stops the process group and removes the route. */
    public synchronized void stop(String reason) {
        if (supervisor == null) {
            return;
        }
        feeding = false;
        supervisor.stop();
        context.routes().remove(routeId(), 30);
        supervisor = null;
        cues.stopCounting();
        status.moveTo(OutputState.STOPPED, reason);
    }

    /** Restarts the process now, without waiting for a back-off pause. */
    public void restart() {
        OutputSupervisor current = supervisor;
        if (current != null) {
            current.restartNow();
        }
    }

    /** Once a second: bitrate, and the watchdog for a process that stopped reading. */
    public void tick() {
        bitrate.sample(bytes());
        cues.tick(status);
        OutputSupervisor current = supervisor;
        if (current != null) {
            current.restartIfStalled(context.properties().output().stallTimeout());
        }
    }

    /** Not synchronized: a stop in progress (waiting for the process to exit) must not hold up the API or the stats. */
    public OutputView view() {
        OutputSupervisor current = supervisor;
        boolean up = current != null && status.state() != OutputState.STOPPED;
        long uptime = up && status.state() == OutputState.RUNNING
                ? java.time.Duration.between(status.since(), java.time.Instant.now()).toSeconds() : 0;
        OutputView.Status s = new OutputView.Status(status.state().word(), status.since(), status.lastError(),
                status.lastErrorAt(), uptime, restarts, bytes(), bitrate.lastSecond(), ring.droppedBytes() / PacketRing.TS_PACKET,
                status.isConnected(), status.link(), cues.count());
        return new OutputView(definition.id(), definition.name(), destination.maskedUrl(), destination.protocol(),
                definition.enabled(), definition.audio(), s);
    }

    public OutputDefinition definition() {
        return definition;
    }

    /** Takes a new name or enabled flag; a changed URL or track needs a new Output instead. */
    public void redefine(OutputDefinition changed) {
        definition = changed;
    }

    /** Whether {@code changed} can be applied with {@link #redefine}, without a new process. */
    public boolean sameProcess(OutputDefinition changed) {
        return java.util.Objects.equals(changed.url(), definition.url())
                && java.util.Objects.equals(changed.audio(), definition.audio());
    }

    public Destination destination() {
        return destination;
    }

    public OutputStatus status() {
        return status;
    }

    public boolean isStarted() {
        return supervisor != null;
    }

    String key() {
        return channelId + "/" + definition.id();
    }

    Path runDir() {
        return context.registry().runDir().resolve(channelId).resolve(definition.id());
    }

    ProcessLog openLog() throws IOException {
        Path file = context.properties().dataPath().resolve("logs").resolve(channelId).resolve(definition.id() + ".log");
        return new ProcessLog(file, context.properties().output().logSize().toBytes(),
                context.properties().output().logFiles(), destination.secrets());
    }

    ProcessRegistry registry() {
        return context.registry();
    }

    PacketRing ring() {
        return ring;
    }

    void feeding(boolean value) {
        if (value) {
            cues.startCounting();
        }
        feeding = value;
    }

    FifoFlusher flusher() {
        return context.flusher();
    }

    CueTap cueTap() {
        return cues.tap();
    }

    AtomicLong bytesCounter() {
        return bytesWritten;
    }

    synchronized void countRestart() {
        restarts++;
    }

    private long bytes() {
        return bytesWritten.get();
    }

    private String routeId() {
        return "output-" + channelId + "." + definition.id();
    }
}
