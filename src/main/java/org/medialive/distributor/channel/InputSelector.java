package org.medialive.distributor.channel;

import java.time.Instant;
import java.util.function.Consumer;
import org.medialive.distributor.ingest.TsSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses which of a channel's two inputs feeds its outputs. Each input's receiver writes to
 * its own {@link #gate}; only the active input's datagrams reach the fan-out. The two inputs
 * run on different event-loop threads: a datagram is forwarded under {@link #lock} after
 * checking that its input is still the active one, and a switch changes the active input under
 * the same lock, so the outputs get whole datagrams of the old input, then whole datagrams of
 * the new one, never interleaved. A failing active input is noticed on the standby's datagrams
 * (every few milliseconds), not on the once-a-second tick.
 */
final class InputSelector {

    private static final Logger LOG = LoggerFactory.getLogger(InputSelector.class);

    private final String channelId;
    private final TsSink fanout;
    private final Consumer<InputSwitch> switches;
    private final Object lock = new Object();
    private final InputWatch[] watches = {new InputWatch(), new InputWatch()};
    private final TsSink[] observers = new TsSink[2];
    private volatile boolean redundant;
    private volatile FailoverPolicy policy = FailoverPolicy.DEFAULTS;
    private volatile long afterMillis = 300;
    private volatile InputRole active = InputRole.PRIMARY;
    /** An operator chose the backup: no automatic return to the primary until it fails. */
    private volatile boolean heldOnBackup;
    private volatile long failovers;
    private volatile InputSwitch lastSwitch;

    InputSelector(String channelId, TsSink fanout, Consumer<InputSwitch> switches) {
        this.channelId = channelId;
        this.fanout = fanout;
        this.switches = switches;
    }

    /** What an input's receiver writes to. */
    TsSink gate(InputRole role) {
        return new TsSink() {
            @Override
            public void accept(byte[] buffer, int offset, int length) {
                InputSelector.this.accept(role, buffer, offset, length);
            }

            @Override
            public void unsynced(byte[] buffer, int offset, int length) {
                InputSelector.this.unsynced(role, buffer, offset, length);
            }
        };
    }

    /** Each input's own analysis, fed with all it receives, active or not. */
    void observe(InputRole role, TsSink observer) {
        observers[role.ordinal()] = observer;
    }

    /** A backup input is (or is no longer) configured; without one, the primary always feeds the outputs. */
    void configure(boolean withBackup, FailoverPolicy failover) {
        policy = failover == null ? FailoverPolicy.DEFAULTS : failover;
        afterMillis = policy.afterMillis();
        redundant = withBackup;
        if (!withBackup && active != InputRole.PRIMARY) {
            switchTo(InputRole.PRIMARY, "backup input removed", false, null);
        }
    }

    /**
     * Cluster mode: this node receives only {@code role} (the other input arrives at another node,
     * docs/CLUSTER.md), so it feeds the outputs with no failover and no return to the other.
     */
    void receiveOnly(InputRole role, FailoverPolicy failover) {
        policy = failover == null ? FailoverPolicy.DEFAULTS : failover;
        afterMillis = policy.afterMillis();
        synchronized (lock) {
            redundant = false;
            active = role;
            heldOnBackup = false;
        }
    }

    /** The input (re)opens: what was known of its stream is forgotten. */
    void opened(InputRole role) {
        watches[role.ordinal()].reset(System.currentTimeMillis());
    }

    private void accept(InputRole role, byte[] buffer, int offset, int length) {
        if (!redundant) {
            forward(role, buffer, offset, length);
            return;
        }
        long now = System.currentTimeMillis();
        watches[role.ordinal()].accept(buffer, offset, length, now, afterMillis);
        TsSink observer = observers[role.ordinal()];
        if (observer != null) {
            observer.accept(buffer, offset, length);
        }
        if (active != role) {
            considerTakingOver(role, now);
        }
        forward(role, buffer, offset, length);
    }

    /** Sync-less packets go to the analyses (TR 101 290 counts them), never to the outputs. */
    private void unsynced(InputRole role, byte[] buffer, int offset, int length) {
        TsSink observer = observers[role.ordinal()];
        if (redundant && observer != null) {
            observer.unsynced(buffer, offset, length);
        }
        if (active == role) {
            fanout.unsynced(buffer, offset, length);
        }
    }

    private void forward(InputRole role, byte[] buffer, int offset, int length) {
        if (active != role) {
            return;
        }
        synchronized (lock) {
            if (active == role) {
                fanout.accept(buffer, offset, length);
            }
        }
    }

    /** On each datagram of the standby: take over if the active input fails, or return to the primary. */
    private void considerTakingOver(InputRole standby, long now) {
        InputWatch mine = watches[standby.ordinal()];
        if (mine.problem(now, afterMillis) != null) {
            return;
        }
        InputRole current = standby.other();
        String trouble = watches[current.ordinal()].failure(now, afterMillis);
        if (trouble != null) {
            switchTo(standby, current.word() + " input: " + trouble, false, null);
        } else if (standby == InputRole.PRIMARY && policy.revertsByItself() && !heldOnBackup
                && mine.healthyMillis(now, afterMillis) >= policy.revertAfterMillis()) {
            switchTo(standby, "primary input healthy for " + policy.revertAfter() + " (automatic return)", false, null);
        }
    }

    /** An operator's switch; false when that input is active already. */
    boolean switchByOperator(InputRole to, String by) {
        return switchTo(to, "switched by an operator", true, by);
    }

    private boolean switchTo(InputRole to, String reason, boolean manual, String by) {
        InputSwitch done;
        synchronized (lock) {
            if (active == to) {
                if (manual) {
                    heldOnBackup = to == InputRole.BACKUP;
                }
                return false;
            }
            InputRole from = active;
            long now = System.currentTimeMillis();
            long last = watches[from.ordinal()].lastDataMillis();
            active = to;
            heldOnBackup = manual && to == InputRole.BACKUP;
            failovers++;
            done = new InputSwitch(channelId, from.word(), to.word(), reason, Instant.ofEpochMilli(now),
                    last == 0 ? 0 : now - last, manual, by);
            lastSwitch = done;
        }
        LOG.warn("Channel {}: input {} -> {} ({}; outputs got nothing for {} ms)", channelId, done.from(), done.to(),
                reason, done.gapMillis());
        switches.accept(done);
        return true;
    }

    /** Why the input cannot carry the channel now, or null when it can. */
    String problem(InputRole role) {
        return watches[role.ordinal()].problem(System.currentTimeMillis(), afterMillis);
    }

    InputRole active() {
        return active;
    }

    boolean redundant() {
        return redundant;
    }

    long failovers() {
        return failovers;
    }

    InputSwitch lastSwitch() {
        return lastSwitch;
    }

    FailoverPolicy policy() {
        return policy;
    }
}
