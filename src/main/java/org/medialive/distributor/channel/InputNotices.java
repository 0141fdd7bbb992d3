package org.medialive.distributor.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.medialive.distributor.ingest.ChannelReceiver;
import org.medialive.distributor.ingest.IngestCounters;
import org.medialive.distributor.ingest.SenderRestart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What a channel's input tells the operator besides its state: sender restarts (log and
 * {@link SenderRestarted} event, from the once-a-second tick, never the ingest thread), a receive
 * buffer the kernel capped (logged once per input start) and the setup warnings shown in the
 * channel status, its health and the dashboard.
 */
final class InputNotices {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelInput.class);

    private final String channelId;
    private final long receiveBufferRequested;
    private final ApplicationEventPublisher events;
    private volatile long restartsAnnounced;
    private volatile boolean bufferWarned;

    InputNotices(String channelId, long receiveBufferRequested, ApplicationEventPublisher events) {
        this.channelId = channelId;
        this.receiveBufferRequested = receiveBufferRequested;
        this.events = events;
    }

    /** A new receiver (input start): its counters begin at zero. */
    void reset() {
        restartsAnnounced = 0;
        bufferWarned = false;
    }

    /** Once a second, on the tick. */
    void tick(ChannelReceiver receiver, IngestCounters counters) {
        announceRestarts(receiver, counters.senderRestarts());
        long granted = counters.receiveBuffer();
        if (!bufferWarned && capped(granted)) {
            bufferWarned = true;
            LOG.warn("Channel {}: receive buffer is {} bytes, {} were asked: the kernel caps it at net.core.rmem_max;"
                    + " bursts will be dropped sooner (docs/OPERATIONS.md, 'Receive buffers and kernel drops')",
                    channelId, granted, receiveBufferRequested);
        }
    }

    /** What the operator should fix in this input's setup; empty when all is well. */
    List<String> warnings(InputDefinition input, IngestCounters counters) {
        List<String> warnings = new ArrayList<>(2);
        if (input.acceptsAnySource()) {
            warnings.add("no source filter: any host that can reach port " + input.port()
                    + " can feed this channel; set input.sourceAddress to MediaLive's addresses");
        }
        if (capped(counters.receiveBuffer())) {
            warnings.add("receive buffer is " + counters.receiveBuffer() + " bytes, " + receiveBufferRequested
                    + " were asked: the kernel caps it at net.core.rmem_max; raise it (sysctl -w net.core.rmem_max="
                    + receiveBufferRequested + ", docs/OPERATIONS.md)");
        }
        return warnings;
    }

    long receiveBufferRequested() {
        return receiveBufferRequested;
    }

    private boolean capped(long granted) {
        return granted > 0 && granted < receiveBufferRequested;
    }

    /** Publishes (and logs) the restarts since the last tick: one event a second at most. */
    private void announceRestarts(ChannelReceiver receiver, long restarts) {
        if (restarts == restartsAnnounced) {
            return;
        }
        SenderRestart last = receiver.lastRestart();
        SenderRestarted event = new SenderRestarted(channelId, last.previousSsrc(), last.ssrc(),
                restarts - restartsAnnounced, restarts, Instant.now());
        restartsAnnounced = restarts;
        LOG.warn("Channel {}: {}", channelId, event.describe());
        events.publishEvent(event);
    }
}
