package org.medialive.distributor.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.NettyConstants;

/**
 * Hands each datagram of a channel's FEC route (made from the ingest template on port + 2 or
 * + 4) to {@link ChannelReceiver#receiveFec}, like {@link DatagramHandler} does for the media, on
 * the event loop and without a Camel exchange. Nothing a FEC datagram holds can throw into the
 * media path: the receiver counts and drops what is not a FEC packet. As a {@link Processor} it
 * also takes datagrams as exchanges, should the route be configured without the handler.
 */
public final class FecDatagramHandler extends ChannelInboundHandlerAdapter implements ChannelHandlerFactory, Processor {

    private final ChannelReceiver receiver;
    private byte[] copy = new byte[2048];

    public FecDatagramHandler(ChannelReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public FecDatagramHandler newChannelHandler() {
        return new FecDatagramHandler(receiver);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        FixedRecvByteBufAllocator reads = new FixedRecvByteBufAllocator(DatagramHandler.LARGEST_DATAGRAM);
        reads.respectMaybeMoreData(false);
        reads.maxMessagesPerRead(DatagramHandler.DATAGRAMS_PER_READ);
        ctx.channel().config().setRecvByteBufAllocator(reads);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf content = packet.content();
            int length = Math.min(content.readableBytes(), DatagramHandler.LARGEST_DATAGRAM);
            if (length > copy.length) {
                copy = new byte[DatagramHandler.LARGEST_DATAGRAM];
            }
            content.getBytes(content.readerIndex(), copy, 0, length);
            receiver.receiveFec(packet.sender(), copy, length);
        } finally {
            packet.release();
        }
    }

    @Override
    public void process(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(NettyConstants.NETTY_REMOTE_ADDRESS);
        byte[] datagram = exchange.getMessage().getBody(byte[].class);
        if (datagram != null) {
            receiver.receiveFec(remote instanceof InetSocketAddress address ? address : null, datagram, datagram.length);
        }
    }
}
