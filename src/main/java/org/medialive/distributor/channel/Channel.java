package org.medialive.distributor.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.ingest.IngestCounters;
import java.time.Clock;
import org.medialive.distributor.output.CueSource;
import org.medialive.distributor.output.Output;
import org.medialive.distributor.stream.TsAnalyzer;
import org.medialive.distributor.ingest.TsSink;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.OutputState;
import org.medialive.distributor.output.OutputView;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One channel at run time: its input and its outputs. Changes come from
 * {@link ChannelService}, which serialises them; the receive path only sees the fan-out.
 */
public final class Channel implements Ticking {

    private final String id;
    private final OutputFanout fanout = new OutputFanout();
    private final ChannelInput input;
    /** Feeds the outputs from the input or, after a failover, from the backup input. */
    private final InputSelector selector;
    private final RedundantInput backup;
    private final CueOrigins cueOrigins = new CueOrigins();
    private final TsAnalyzer analysis;
    /** Observers added after construction (thumbnails); changed under their own lock, never the channel's. */
    private final List<TsSink> extraObservers = new ArrayList<>();
    private final Map<String, Output> outputs = new LinkedHashMap<>();
    /**
     * A copy of {@link #outputs}, replaced on every change: the view, the stats and the tick
     * read it without the channel's lock, so a start or stop in progress (which may wait for
     * processes to exit) holds up neither the API nor the watchdogs.
     */
    private volatile List<Output> outputList = List.of();
    private volatile ChannelDefinition definition;
    /** Set once, under this channel's lock, when the channel leaves the registry. */
    private boolean deleted;
    /**
     * Whether this server may run the channel: always in single-node mode; in cluster mode only
     * while it owns the channel (docs/CLUSTER.md). {@code started} stays what the operator wants,
     * on every node; the channel runs where both hold.
     */
    private volatile boolean held = true;

    Channel(ChannelDefinition definition, DistributorProperties properties, RouteTemplates routes,
            ApplicationEventPublisher events) {
        this.id = definition.id();
        this.definition = definition;
        this.selector = new InputSelector(id, fanout, events::publishEvent);
        this.input = new ChannelInput(id, properties, routes, events, selector.gate(InputRole.PRIMARY));
        this.backup = new RedundantInput(id, properties, routes, events, selector);
        // the listener runs within the fan-out's call, so the active input is the one the cue came from
        this.analysis = new TsAnalyzer(Clock.systemUTC(), cue -> events.publishEvent(new CueSeen(id, CueView.of(cue).from(
                selector.redundant() ? cueOrigins.seen(cue, selector.active()) : null))),
                properties.ingest().tr101290().limits());
        fanout.observers(List.of(analysis));
    }

    /**
     * Called once by the registry, before the channel can start: whether this server holds it,
     * and the lease checked on every write to the outputs (a node that lost ZooKeeper writes nothing).
     */
    void placed(boolean initiallyHeld, java.util.function.BooleanSupplier lease) {
        held = initiallyHeld;
        fanout.writable(() -> held && lease.getAsBoolean());
    }

    public boolean held() {
        return held;
    }

    /** This server gained or lost the channel: runs or stops input and outputs; {@code started} is unchanged. */
    synchronized void hold(boolean nowHeld, String reason) {
        if (nowHeld == held || deleted) {
            return;
        }
        held = nowHeld;
        if (!definition.started()) {
            return;
        }
        if (nowHeld) {
            runInputAndOutputs();
        } else {
            input.stop();
            backup.stop();
            stopAll(outputs.values(), reason);
        }
    }

    /** Whether input and outputs run here: wanted by the operator and held by this server. */
    private boolean running() {
        return definition.started() && held;
    }

    /** Adds an observer of every packet this channel receives; it runs on the ingest thread, so it must be quick. */
    public void observe(TsSink observer) {
        synchronized (extraObservers) {
            extraObservers.add(observer);
            List<TsSink> all = new ArrayList<>(List.of(analysis));
            all.addAll(extraObservers);
            fanout.observers(all);
        }
    }

    /** The elementary streams of the latest PMTs. */
    public List<ElementaryStream> streams() {
        return analysis.snapshot().streams();
    }

    /** What outputs need of this channel's SCTE-35 analysis. */
    public CueSource cueSource() {
        return new CueSource(analysis::cuesSeen, analysis::scte35Pids);
    }

    /** The last cues decoded on this channel, oldest first. */
    public List<CueView> cues() {
        return analysis.cues().stream().map(cue -> CueView.of(cue).from(cueOrigins.of(cue))).toList();
    }

    @Override
    public String id() {
        return id;
    }

    public ChannelDefinition definition() {
        return definition;
    }

    public ChannelView view() {
        List<Output> current = outputList;
        List<OutputView> views = current.stream().map(Output::view).toList();
        IngestCounters c = input.counters();
        long drops = views.stream().mapToLong(v -> v.status().drops()).sum();
        int running = (int) current.stream().filter(o -> o.status().state() == OutputState.RUNNING).count();
        ChannelView.Status status = new ChannelView.Status(state().word(), input.since(), input.lastError(),
                input.bitrate(), input.bitrate10s(), c.datagrams(), c.packets(), c.bytes(), c.rtpLost(),
                c.rtpReordered(), c.rtpDuplicate(), c.rtpLate(), c.malformed(), c.rejected(), c.lastMalformed(),
                drops, c.lastPacketMillis() == 0 ? null : java.time.Instant.ofEpochMilli(c.lastPacketMillis()),
                running, current.size(), c.rtpDropped(), c.senderRestarts(), c.kernelDrops(),
                c.receiveBuffer() == 0 ? null : c.receiveBuffer(), input.receiveBufferRequested(), input.warnings(definition.input()),
                backup.activeInput(definition), input.fecCounters(), input.srtLink());
        List<org.medialive.distributor.stream.Cue> recent = analysis.cues();
        CueView lastCue = recent.isEmpty() ? null : CueView.of(recent.get(recent.size() - 1)).from(cueOrigins.of(recent.get(recent.size() - 1)));
        return new ChannelView(id, definition.name(), definition.input().masked(), definition.started(), status,
                analysis.snapshot(), lastCue, views, definition.backupInput() == null ? null : definition.backupInput().masked(), backup.failover(definition),
                backup.inputs(definition, input));
    }

    public ChannelState state() {
        return backup.state(definition, input);
    }

    public IngestCounters counters() {
        return input.counters();
    }

    Collection<Output> outputs() {
        return outputList;
    }

    synchronized Output output(String outputId) {
        return outputs.get(outputId);
    }

    /** Adds an output and, if the channel runs and the output is enabled, starts it. */
    synchronized void add(Output output) {
        refuseIfDeleted();
        outputs.put(output.definition().id(), output);
        outputsChanged();
        if (running() && output.definition().enabled()) {
            output.start();
        }
        remember();
    }

    /** Replaces an output with a changed one: only that output's process restarts. */
    synchronized void replace(Output changed, String reason) {
        refuseIfDeleted();
        Output old = outputs.put(changed.definition().id(), changed);
        if (old != null) {
            old.stop(reason);
        }
        outputsChanged();
        if (running() && changed.definition().enabled()) {
            changed.start();
        }
        remember();
    }

    /** Applies a new name or enabled flag to an output; starts or stops it to match. */
    synchronized void redefine(Output output, OutputDefinition changed, String reason) {
        refuseIfDeleted();
        output.redefine(changed);
        if (running() && changed.enabled()) {
            output.start();
        } else {
            output.stop(reason);
        }
        remember();
    }

    synchronized void remove(String outputId, String reason) {
        Output output = outputs.remove(outputId);
        outputsChanged();
        if (output != null) {
            output.stop(reason);
        }
        remember();
    }

    synchronized void start() {
        refuseIfDeleted();
        definition = definition.with(definition.input(), definition.name(), true, definitions());
        if (held) {
            runInputAndOutputs();
        }
    }

    private void runInputAndOutputs() {
        startInputs();
        outputs.values().stream().filter(o -> o.definition().enabled()).forEach(Output::start);
    }

    private void startInputs() {
        if (backup.start(definition)) {
            input.start(definition.input());
        }
    }

    /** Outputs keep their processes; the inputs open again as this node should receive them now. */
    private void restartInputs() {
        input.stop();
        backup.stop();
        startInputs();
    }

    /**
     * Cluster mode: which of the channel's two inputs this node receives while it owns the channel
     * (MediaLive pipeline A at one node, B at another); null: both, with failover between them.
     */
    synchronized void receiveHere(InputRole role) {
        ChannelDefinition now = definition;
        InputRole before = backup.receivedHere(now);
        backup.receiveHere(role);
        if (running() && before != backup.receivedHere(now)) {
            restartInputs();
        }
    }

    /** Starts the channel unless it runs already; @return whether it was started. */
    synchronized boolean startUnlessStarted() {
        if (definition.started()) {
            return false;
        }
        start();
        return true;
    }

    /** Stops everything for good: a change that reached this channel before it left the registry is refused after. */
    synchronized void delete(String reason) {
        deleted = true;
        stop(reason, false);
    }

    private void refuseIfDeleted() {
        if (deleted) {
            throw RequestRejectedException.notFound("channel '" + id + "' was deleted");
        }
    }

    /** Stops the input and every output process; {@code remember} false keeps the stored state (shutdown). */
    synchronized void stop(String reason, boolean remember) {
        if (remember) {
            definition = definition.with(definition.input(), definition.name(), false, definitions());
        }
        input.stop();
        backup.stop();
        stopAll(outputs.values(), reason);
    }

    /** Stops outputs side by side: each may take its grace period, they need not add up. */
    private static void stopAll(Collection<Output> outputs, String reason) {
        List<Thread> stopping = new ArrayList<>();
        for (Output output : outputs) {
            Thread thread = new Thread(() -> output.stop(reason), "stop-output");
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** New name and/or input: only the ingest route restarts, outputs keep their processes. */
    synchronized void update(String name, InputDefinition newInput) {
        refuseIfDeleted();
        boolean inputChanged = !newInput.equals(definition.input());
        definition = definition.with(newInput, name, definition.started(), definitions());
        if (inputChanged && running() && backup.receivedHere(definition) != InputRole.BACKUP) {
            input.stop();
            backup.opened(InputRole.PRIMARY);
            input.start(newInput);
        }
    }

    /** New or no backup input or failover policy: only the backup's ingest route restarts. */
    synchronized void updateRedundancy(InputDefinition newBackup, FailoverPolicy newFailover) {
        refuseIfDeleted();
        ChannelDefinition old = definition;
        definition = definition.withRedundancy(newBackup, newFailover);
        if (backup.receivedHere(old) != null || backup.receivedHere(definition) != null) {
            // one input per node here: which one opens may change with the backup itself
            if (running()) {
                restartInputs();
            }
            return;
        }
        // a channel this server does not hold is updated as a stopped one: nothing opens here
        backup.update(held ? old : old.with(old.input(), old.name(), false, old.outputs()),
                held ? definition : definition.with(definition.input(), definition.name(), false, definition.outputs()));
    }

    /** An operator's switch to the primary or backup input. */
    void switchInput(InputRole to, String by) {
        backup.switchByOperator(definition, to, by);
    }

    /** Once a second, from {@link ChannelTicks} only: signal, input retries, the output watchdog. */
    @Override
    public void tick(long nowMillis) {
        input.tick(definition.input(), nowMillis);
        backup.tick(definition, nowMillis);
        for (Output output : outputs()) {
            output.tick();
        }
    }

    private void outputsChanged() {
        outputList = List.copyOf(outputs.values());
        fanout.outputs(outputList);
    }

    private synchronized void remember() {
        definition = definition.with(definition.input(), definition.name(), definition.started(), definitions());
    }

    private List<OutputDefinition> definitions() {
        List<OutputDefinition> list = new ArrayList<>();
        outputs.values().forEach(o -> list.add(o.definition()));
        return list;
    }
}
