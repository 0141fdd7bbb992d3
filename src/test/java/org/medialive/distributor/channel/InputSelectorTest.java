package org.medialive.distributor.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.medialive.distributor.ingest.TsSink;

import static org.assertj.core.api.Assertions.assertThat;

class InputSelectorTest {

    @Test
    void withoutABackupThePrimaryAlwaysFeedsTheOutputs() {
        List<Byte> got = new ArrayList<>();
        InputSelector selector = new InputSelector("c", (b, o, l) -> got.add(b[o + 4]), s -> { });
        selector.configure(false, null);
        selector.gate(InputRole.PRIMARY).accept(marked(1), 0, 188);
        selector.gate(InputRole.BACKUP).accept(marked(2), 0, 188);
        assertThat(got).containsExactly((byte) 1);
    }

    /** The receiver hands sync-less packets on for TR 101 290; they reach the analyses, never the outputs. */
    @Test
    void syncLessPacketsReachTheAnalysesOfTheirInputOnly() {
        List<String> seen = new ArrayList<>();
        TsSink fanout = new TsSink() {
            @Override
            public void accept(byte[] b, int o, int l) {
                seen.add("output");
            }

            @Override
            public void unsynced(byte[] b, int o, int l) {
                seen.add("channel analysis " + b[o + 4]);
            }
        };
        InputSelector selector = new InputSelector("c", fanout, s -> { });
        selector.gate(InputRole.PRIMARY).unsynced(marked(1), 0, 188);
        assertThat(seen).containsExactly("channel analysis 1");

        seen.clear();
        selector.configure(true, null);
        selector.observe(InputRole.BACKUP, new TsSink() {
            @Override
            public void accept(byte[] b, int o, int l) {
            }

            @Override
            public void unsynced(byte[] b, int o, int l) {
                seen.add("backup analysis " + b[o + 4]);
            }
        });
        selector.gate(InputRole.BACKUP).unsynced(marked(2), 0, 188);
        assertThat(seen).containsExactly("backup analysis 2");
    }

    /**
     * Two threads feed the two inputs while a third switches back and forth: the outputs get
     * whole runs, and after each switch nothing more of the old input.
     */
    @Test
    void switchesFallBetweenDatagramsAndNeverInterleave() throws Exception {
        List<Integer> fed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<InputSwitch> switches = java.util.Collections.synchronizedList(new ArrayList<>());
        TsSink fanout = (b, o, l) -> {
            fed.add((int) b[o + 4]);
            Thread.yield();
            fed.add((int) b[o + 4 + 188]); // a datagram is delivered whole or not at all
        };
        InputSelector selector = new InputSelector("c", fanout, switches::add);
        selector.configure(true, new FailoverPolicy("10s", "manual", "1h").validated());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        for (InputRole role : InputRole.values()) {
            Thread t = new Thread(() -> {
                byte[] d = InputWatchTest.packets(InputWatchTest.pat(), InputWatchTest.pmt());
                d[4] = d[4 + 188] = (byte) (role.ordinal() + 1);
                while (running.get()) {
                    selector.gate(role).accept(d, 0, d.length);
                }
            });
            t.start();
            senders.add(t);
        }
        List<Integer> marks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            InputRole to = i % 2 == 0 ? InputRole.BACKUP : InputRole.PRIMARY;
            synchronized (fed) {
                marks.add(fed.size());
            }
            selector.switchByOperator(to, "test");
            Thread.sleep(1);
        }
        running.set(false);
        for (Thread t : senders) {
            t.join();
        }
        List<Integer> all;
        synchronized (fed) {
            all = new ArrayList<>(fed);
        }
        for (int i = 0; i + 1 < all.size(); i += 2) {
            assertThat(all.get(i)).as("datagram %d whole", i / 2).isEqualTo(all.get(i + 1));
        }
        int runs = 1;
        for (int i = 2; i < all.size(); i += 2) {
            if (!all.get(i).equals(all.get(i - 2))) {
                runs++;
            }
        }
        assertThat(switches).hasSize(200);
        assertThat(runs).as("runs of one input each").isLessThanOrEqualTo(201);
        assertThat(all.get(all.size() - 1)).as("the last switch went to the primary").isEqualTo(1);
    }

    @Test
    void policyIsCheckedWithReasons() {
        assertThat(new FailoverPolicy(null, null, null).validated()).isEqualTo(FailoverPolicy.DEFAULTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FailoverPolicy("10ms", null, null).validated())
                .hasMessageContaining("between 50ms and 10s");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FailoverPolicy(null, "sometimes", null).validated())
                .hasMessageContaining("\"auto\" or \"manual\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FailoverPolicy(null, null, "10 s").validated())
                .hasMessageContaining("must be a duration");
        assertThat(new FailoverPolicy("2s", "manual", "2m").validated().revertAfterMillis()).isEqualTo(120_000);
    }

    private static byte[] marked(int mark) {
        byte[] d = InputWatchTest.pes();
        d[4] = (byte) mark;
        return d;
    }
}
