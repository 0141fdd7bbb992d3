package org.medialive.distributor.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loops every channel's ingest route reads its socket on: one per core, shared
 * by all channels, instead of camel-netty's default of a group per route. A loop busy with one
 * channel's datagrams finds the next channel's waiting in the same epoll call, so 25 channels
 * (19,000 datagrams a second at 8 Mbit/s) cost a few thread wake-ups per millisecond rather than
 * one per datagram. Safe to share because the work per datagram is short and never blocks
 * (checks, RTP order, copies into the outputs' buffers). The threads are daemons and live as
 * long as the server; routes that stop only close their own sockets.
 */
public final class IngestEventLoops {

    private static EventLoopGroup shared;

    private IngestEventLoops() {
    }

    public static synchronized EventLoopGroup shared() {
        if (shared == null) {
            shared = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                    new DefaultThreadFactory("ingest", true));
        }
        return shared;
    }
}
