package org.medialive.distributor.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.medialive.distributor.monitoring.EventHandOff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs every channel's tick once a second, each as its own task, at most one per channel at a
 * time: a tick that blocks holds up only its own channel, never another channel, the stats or
 * the API (Spring's shared scheduler runs none of this). A watchdog on the same clock reports a
 * tick that has not returned within the limit: the channel is listed as stuck (health DOWN with
 * the reason) and a {@link ChannelTickStuck} event is published; its next ticks are skipped
 * until it returns.
 */
@Component
class ChannelTicks implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelTicks.class);

    private final Supplier<Collection<? extends Ticking>> channels;
    private final ApplicationEventPublisher events;
    private final long limitNanos;
    /** Channel to when its running tick started (by identity: see {@link Ticking}). */
    private final Map<Ticking, Long> running = new java.util.IdentityHashMap<>();
    /** Channel to why it is reported stuck. */
    private final Map<Ticking, String> stuck = new java.util.IdentityHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(named("channel-tick-clock"));
    /** Grows only with ticks that do not return: normally one or two threads. */
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService workers = Executors.newCachedThreadPool(named("channel-tick"));

    @Autowired
    ChannelTicks(ChannelRegistry registry, EventHandOff events,
                 @Value("${distributor.watchdog.tick-timeout:10s}") Duration limit) {
        this(registry::all, events, limit);
    }

    ChannelTicks(Supplier<Collection<? extends Ticking>> channels, ApplicationEventPublisher events, Duration limit) {
        this.channels = channels;
        this.events = events;
        this.limitNanos = limit.toNanos();
    }

    /** Once the application is ready: its listeners then see every event the watchdog publishes. */
    @EventListener(ApplicationReadyEvent.class)
    void startTicking() {
        start(Duration.ofSeconds(1));
    }

    void start(Duration period) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        clock.scheduleAtFixedRate(this::tickAll, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stuck channels by id, and why; empty when every tick returns in time. */
    synchronized Map<String, String> stuck() {
        Map<String, String> byId = new java.util.TreeMap<>();
        stuck.forEach((channel, reason) -> byId.put(channel.id(), reason));
        return byId;
    }

    @Override
    public void destroy() {
        clock.shutdownNow();
        workers.shutdownNow();
    }

    private synchronized void tickAll() {
        try {
            long now = System.currentTimeMillis();
            long nowNanos = System.nanoTime();
            Collection<? extends Ticking> all = channels.get();
            for (Ticking channel : all) {
                Long started = running.putIfAbsent(channel, nowNanos);
                if (started == null) {
                    workers.execute(() -> tickOne(channel, now));
                } else if (nowNanos - started > limitNanos) {
                    reportStuck(channel, nowNanos - started);
                }
            }
            Set<Ticking> present = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            present.addAll(all);
            // a deleted channel is no longer reported, nor waited for
            stuck.keySet().removeIf(channel -> !present.contains(channel));
            running.keySet().removeIf(channel -> !present.contains(channel));
        } catch (RuntimeException e) {
            // an exception would end the fixed-rate schedule: every channel would stop ticking
            LOG.error("Channel tick round failed", e);
        }
    }

    private void tickOne(Ticking channel, long now) {
        try {
            channel.tick(now);
        } catch (RuntimeException e) {
            LOG.error("Channel {}: tick failed", channel.id(), e);
        } finally {
            returned(channel);
        }
    }

    private synchronized void returned(Ticking channel) {
        running.remove(channel);
        if (stuck.remove(channel) != null) {
            LOG.warn("Channel {}: tick returned again", channel.id());
            events.publishEvent(new ChannelTickStuck(channel.id(), false, "tick returned"));
        }
    }

    private void reportStuck(Ticking channel, long blockedNanos) {
        String reason = "tick has not returned for " + TimeUnit.NANOSECONDS.toSeconds(blockedNanos) + " s";
        if (stuck.put(channel, reason) == null) {
            LOG.error("Channel {}: {} (its state and outputs are not being supervised)", channel.id(), reason);
            events.publishEvent(new ChannelTickStuck(channel.id(), true, reason));
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
