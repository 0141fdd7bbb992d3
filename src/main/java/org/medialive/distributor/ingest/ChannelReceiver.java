package org.medialive.distributor.ingest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;

/**
 * The last step of a channel's ingest route: takes each datagram, drops what is not
 * MPEG-TS (counting it), restores RTP order and hands whole TS packets to the channel.
 * Never throws: a bad datagram is counted and dropped, it must not disturb the stream.
 * Datagrams normally arrive through {@link DatagramHandler}, without a Camel exchange each;
 * as a {@link Processor} it also takes them as exchanges (byte[] bodies), should the route be
 * configured without the handler.
 */
public final class ChannelReceiver implements Processor {

    private final InetAddress allowedSource;
    private final DatagramParser parser = new DatagramParser();
    private final RtpReorderBuffer reorder;
    private final TsSink sink;
    private long datagrams;
    private long packets;
    private long bytes;
    private long malformed;
    private long rejected;
    private long lastPacketMillis;

    /** @param allowedSource only datagrams from this address are accepted; null accepts all */
    public ChannelReceiver(InetAddress allowedSource, int reorderWindow, TsSink sink) {
        this.allowedSource = allowedSource;
        this.sink = sink;
        this.reorder = new RtpReorderBuffer(reorderWindow, this::pass);
    }

    @Override
    public void process(Exchange exchange) {
        byte[] datagram = exchange.getMessage().getBody(byte[].class);
        if (allowedSource != null && !fromAllowedSource(exchange)) {
            synchronized (this) {
                datagrams++;
                rejected++;
            }
            return;
        }
        receive(datagram, datagram == null ? 0 : datagram.length);
    }

    /**
     * Accepts one datagram from {@code sender}, refusing (and counting) it when a source address
     * is set and it is another one; called by {@link DatagramHandler} on the Netty event loop.
     * The array is only read during the call.
     */
    public void receive(InetSocketAddress sender, byte[] datagram, int length) {
        if (allowedSource != null && (sender == null || !allowedSource.equals(sender.getAddress()))) {
            synchronized (this) {
                datagrams++;
                rejected++;
            }
            return;
        }
        receive(datagram, length);
    }

    /** Accepts one datagram; public so benchmarks and tests can feed it without a socket. */
    public synchronized void receive(byte[] datagram, int length) {
        datagrams++;
        switch (parser.parse(datagram, length)) {
            case RTP -> reorder.accept(parser.sequence, parser.ssrc, datagram, parser.payloadOffset, parser.payloadLength);
            case PLAIN_TS -> pass(datagram, parser.payloadOffset, parser.payloadLength);
            case MALFORMED -> malformed++;
        }
    }

    /** Delivers packets held for a gap that will not be filled; called when the input goes quiet. */
    public synchronized void flushHeld() {
        reorder.flush();
    }

    public synchronized IngestCounters counters() {
        return new IngestCounters(datagrams, packets, bytes,
                reorder.lost, reorder.reordered, reorder.duplicate, reorder.late,
                malformed, rejected, malformed == 0 ? null : parser.problem, lastPacketMillis);
    }

    private void pass(byte[] data, int offset, int length) {
        packets += length / DatagramParser.TS_PACKET;
        bytes += length;
        lastPacketMillis = System.currentTimeMillis();
        sink.accept(data, offset, length);
    }

    private boolean fromAllowedSource(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(NettyConstants.NETTY_REMOTE_ADDRESS);
        return remote instanceof InetSocketAddress address && allowedSource.equals(address.getAddress());
    }
}
