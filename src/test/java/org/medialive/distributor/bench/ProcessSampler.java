package org.medialive.distributor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU (user+sys) and peak RSS of groups of processes over a window, from /proc: each pid's
 * utime+stime at the start (0 for a process that appears during the window) and at its last
 * sighting, and its VmHWM (peak resident set). Sampled once a second so that processes that
 * come and go (restarts) are counted too.
 */
final class ProcessSampler implements AutoCloseable {

    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** What one group used over the window. */
    record Usage(double cpuPercent, double userPercent, double systemPercent, long peakRssKb,
                 long maxProcessRssKb, int processes) {
    }

    private static final class Seen {
        long firstUser = -1;
        long firstSystem = -1;
        long lastUser;
        long lastSystem;
        long hwmKb;
    }

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
    private final Map<String, Map<Long, Seen>> seen = new HashMap<>();
    private Thread thread;
    private volatile boolean running;
    private final java.util.Set<String> reaped = new java.util.HashSet<>();
    private long startNanos;
    private long endNanos;

    /**
     * The CPU of the children of {@code parents} that ended and were reaped during the window
     * (cutime + cstime of the parents): processes too short-lived to be caught alive by a
     * once-a-second sample, such as a thumbnail's one-frame ffmpeg.
     */
    ProcessSampler endedChildrenOf(String name, Supplier<List<Long>> parents) {
        reaped.add(name);
        return group(name, parents);
    }

    ProcessSampler group(String name, Supplier<List<Long>> pids) {
        groups.put(name, pids);
        seen.put(name, new HashMap<>());
        return this;
    }

    /** Takes the baseline and samples every second until {@link #stop}. */
    ProcessSampler start() {
        startNanos = System.nanoTime();
        sample(true);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) {
                    sample(false);
                }
            }
        }, "bench-process-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Takes the last sample and ends the window. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sample(false);
        endNanos = System.nanoTime();
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    synchronized Usage usage(String group) {
        double seconds = seconds();
        long user = 0;
        long system = 0;
        long rss = 0;
        long max = 0;
        Map<Long, Seen> pids = seen.get(group);
        for (Seen s : pids.values()) {
            user += s.lastUser - s.firstUser;
            system += s.lastSystem - s.firstSystem;
            rss += s.hwmKb;
            max = Math.max(max, s.hwmKb);
        }
        double userPercent = user / TICKS_PER_SECOND / seconds * 100;
        double systemPercent = system / TICKS_PER_SECOND / seconds * 100;
        return new Usage(round(userPercent + systemPercent), round(userPercent), round(systemPercent), rss, max, pids.size());
    }

    private synchronized void sample(boolean baseline) {
        groups.forEach((name, supplier) -> {
            Map<Long, Seen> pids = seen.get(name);
            for (long pid : supplier.get()) {
                long[] ticks = reaped.contains(name) ? reapedTicks(pid) : ticks(pid);
                if (ticks == null) {
                    continue;
                }
                Seen s = pids.computeIfAbsent(pid, p -> new Seen());
                if (s.firstUser < 0) {
                    s.firstUser = baseline ? ticks[0] : 0;
                    s.firstSystem = baseline ? ticks[1] : 0;
                }
                s.lastUser = ticks[0];
                s.lastSystem = ticks[1];
                s.hwmKb = reaped.contains(name) ? 0 : Math.max(s.hwmKb, hwmKb(pid));
            }
        });
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** utime and stime of a live process, null when it is gone. */
    static long[] ticks(long pid) {
        return statFields(pid, 11); // fields 14 and 15 of /proc/<pid>/stat
    }

    /** cutime and cstime of a live process: what its ended, reaped children used; null when it is gone. */
    static long[] reapedTicks(long pid) {
        return statFields(pid, 13); // fields 16 and 17
    }

    /** Two consecutive numbers of /proc/<pid>/stat, counted from the state (field 3) as 0. */
    private static long[] statFields(long pid, int first) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[first]), Long.parseLong(fields[first + 1])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    static long hwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited
        }
        return 0;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
