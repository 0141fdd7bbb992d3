package org.medialive.distributor.ingest;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import org.medialive.distributor.DistributorProperties;

/**
 * The Netty event loops every channel's ingest route reads its socket on: one by default, shared
 * by all channels, instead of camel-netty's default of a group per route. Each loop looks at its
 * sockets once per poll interval ({@link PacedSelectStrategy}) and reads everything that came
 * meanwhile, so 25 channels (19,000 datagrams a second at 8 Mbit/s) cost a hundred thread
 * wake-ups a second rather than one per datagram; the outputs' FIFO writes run on the first loop
 * too. Measured, the wake-ups (context switches) cost more than the reading, and each more loop
 * adds its own (docs/PERFORMANCE.md). Safe to share because
 * the work per datagram is short and never blocks (checks, RTP order, copies into the outputs'
 * buffers). The
 * threads are daemons and live as long as the server; routes that stop only close their own
 * sockets. Java NIO, not Netty's native epoll transport: measured with the same load, epoll
 * (with and without recvmmsg) cost more CPU here, not less (docs/PERFORMANCE.md).
 */
public final class IngestEventLoops {

    private static EventLoopGroup shared;

    private IngestEventLoops() {
    }

    /**
     * @param settings how many loops (threads) and the pause between looks at the sockets (zero
     *                 wakes for every datagram). The first call creates the loops and decides:
     *                 these are start-up settings.
     */
    public static synchronized EventLoopGroup shared(DistributorProperties.Ingest settings) {
        if (shared == null) {
            Duration pollInterval = settings.pollInterval();
            SelectStrategyFactory strategy = pollInterval.isZero() ? DefaultSelectStrategyFactory.INSTANCE
                    : () -> new PacedSelectStrategy(pollInterval.toNanos());
            shared = new NioEventLoopGroup(Math.max(1, settings.threads()), new DefaultThreadFactory("ingest", true),
                    SelectorProvider.provider(), strategy);
        }
        return shared;
    }
}
