package org.medialive.distributor.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Hands each datagram of a channel's ingest route straight to its {@link ChannelReceiver}, on the
 * Netty event loop that read it, without making a Camel exchange of it. At 8 Mbit/s a channel
 * is ~760 datagrams a second; the exchange (unit of work, error handler, JMX and route
 * statistics) cost about ten times what the receiver itself does with a datagram
 * (docs/PERFORMANCE.md). The route still owns the socket and its life (start, stop, Hawtio);
 * its exchange count stays at 0 and datagrams are counted by the channel instead. The content
 * is copied into one reused array, so the receive path allocates nothing of its own.
 * Bound to the route as a factory; each channel the route opens (one, for UDP) gets its own
 * instance, called by that channel's event loop thread only.
 *
 * <p>It also sets how the socket is read, because the event loops look at the sockets once per
 * poll interval ({@link PacedSelectStrategy}) and must then take everything that waits: up to
 * {@link #DATAGRAMS_PER_READ} datagrams per look (Netty's default stops after one datagram when
 * it is shorter than the read buffer). Each is read into a buffer of {@link #LARGEST_DATAGRAM}
 * bytes, the largest payload of a jumbo frame: a longer datagram arrives cut short and is counted
 * as malformed. MediaLive sends 1,328 bytes (RTP and 7 TS packets). The buffers are the socket's
 * own, reused from read to read ({@link ReceiveBuffers}).
 */
public final class DatagramHandler extends ChannelInboundHandlerAdapter implements ChannelHandlerFactory {

    static final int LARGEST_DATAGRAM = 9216;
    static final int DATAGRAMS_PER_READ = 64;

    private final ChannelReceiver receiver;
    private byte[] copy = new byte[2048];
    private ReceiveBuffers buffers;

    public DatagramHandler(ChannelReceiver receiver) {
        this.receiver = receiver;
    }

    /** camel-netty asks the route's decoder for the handler of each channel it opens: one, for UDP. */
    @Override
    public DatagramHandler newChannelHandler() {
        return new DatagramHandler(receiver);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(LARGEST_DATAGRAM);
        reads.respectMaybeMoreData(false);
        reads.maxMessagesPerRead(DATAGRAMS_PER_READ);
        config.setRecvByteBufAllocator(reads);
        buffers = new ReceiveBuffers(config.getAllocator());
        config.setAllocator(buffers);
        receiver.socketOpened(ctx.channel());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        receiver.socketClosed(ctx.channel());
        if (buffers != null) {
            buffers.release();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf content = packet.content();
            int length = Math.min(content.readableBytes(), LARGEST_DATAGRAM);
            if (length > copy.length) {
                copy = new byte[Math.max(length, Math.min(LARGEST_DATAGRAM, copy.length * 2))];
            }
            content.getBytes(content.readerIndex(), copy, 0, length);
            receiver.receive(packet.sender(), copy, length);
        } finally {
            packet.release();
        }
    }
}
