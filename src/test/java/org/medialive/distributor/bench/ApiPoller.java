package org.medialive.distributor.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.support.Api;

/**
 * Once a second during the load: the JVM's heap in use (actuator metric jvm.memory.used,
 * area heap) and how long one API call takes to answer, in turn: the stats snapshot, the channel list the
 * dashboard reads (made fresh on each call) and the health check, as an operator or a load
 * balancer would see them on a busy server.
 */
final class ApiPoller {

    private static final List<String> TIMED = List.of("/api/stats", "/api/channels", "/actuator/health");

    private final Api api;
    private final List<Double> heapMb = new ArrayList<>();
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private volatile boolean running = true;
    private int tick;
    private Thread thread;

    ApiPoller(Api api) {
        this.api = api;
        TIMED.forEach(path -> {
            millis.put(path, new ArrayList<>());
            failures.put(path, 0);
        });
    }

    ApiPoller start() {
        thread = new Thread(this::run, "bench-api-poller");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(35_000);
    }

    synchronized DesignResult.Heap heap() {
        double max = heapMb.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double average = heapMb.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new DesignResult.Heap(heapMb.size(), ProcessSampler.round(average), ProcessSampler.round(max));
    }

    synchronized Map<String, DesignResult.Timing> timings() {
        Map<String, DesignResult.Timing> timings = new LinkedHashMap<>();
        millis.forEach((path, values) -> timings.put(path, DesignResult.Timing.of(values, failures.get(path))));
        return timings;
    }

    private void run() {
        while (running) {
            long next = System.currentTimeMillis() + 1000;
            try {
                Api.Response heap = api.get("/actuator/metrics/jvm.memory.used?tag=area:heap");
                if (heap.status() == 200) {
                    double bytes = heap.json().path("measurements").path(0).path("value").asDouble();
                    synchronized (this) {
                        heapMb.add(bytes / (1024 * 1024));
                    }
                }
                // one timed request a second, in turn: about what an open dashboard and a monitor cost
                for (String path : List.of(TIMED.get(tick++ % TIMED.size()))) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = api.get(path).status();
                    } catch (AssertionError failed) {
                        status = -1;
                    }
                    double took = (System.nanoTime() - start) / 1e6;
                    synchronized (this) {
                        millis.get(path).add(took);
                        if (status != 200) {
                            failures.merge(path, 1, Integer::sum);
                        }
                    }
                }
            } catch (AssertionError | RuntimeException e) {
                // counted above where it matters; keep polling
            }
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
