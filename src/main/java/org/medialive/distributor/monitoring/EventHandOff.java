package org.medialive.distributor.monitoring;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The bounded hand-off between the data path and everything that reacts to its events
 * (cues, state changes, restarts): the publishing thread only adds an already-built event
 * to a queue, and one dispatcher thread hands it to Spring's listeners (JSON, WebSocket,
 * logging). When the queue is full the event is dropped and counted, so a slow listener
 * never holds up a datagram. The queue is lock-free: the ingest thread cannot block on it.
 * Listeners see events in the order they were published, one at a time.
 */
@Component
public class EventHandOff implements ApplicationEventPublisher, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EventHandOff.class);
    /** How long the dispatcher sleeps when idle, should a wake-up be missed. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ApplicationEventPublisher listeners;
    private final int capacity;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final DataPathDrops drops;
    private final Thread dispatcher;
    private volatile boolean running = true;

    @Autowired
    EventHandOff(ApplicationContext context, @Value("${distributor.events.queue-size:1024}") int capacity,
                 DataPathDrops drops) {
        this((ApplicationEventPublisher) context, capacity, drops);
    }

    /**
     * @param listeners where events are delivered, on the dispatcher thread
     * @param drops     counts the events dropped
     */
    public EventHandOff(ApplicationEventPublisher listeners, int capacity, DataPathDrops drops) {
        this.listeners = listeners;
        this.drops = drops;
        this.capacity = Math.max(1, capacity);
        dispatcher = new Thread(this::dispatch, "event-hand-off");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Queues the event, or drops and counts it if the queue is full. Never blocks, never logs. */
    @Override
    public void publishEvent(Object event) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            drops.eventDropped();
            return;
        }
        queue.offer(event);
        LockSupport.unpark(dispatcher);
    }

    /** Events waiting for the dispatcher. */
    public int queued() {
        return queued.get();
    }

    @Override
    public void destroy() {
        running = false;
        LockSupport.unpark(dispatcher);
    }

    private void dispatch() {
        while (running) {
            Object event = queue.poll();
            if (event == null) {
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            queued.decrementAndGet();
            try {
                listeners.publishEvent(event);
            } catch (RuntimeException e) {
                // one listener's failure must not end delivery of every later event
                LOG.warn("A listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
