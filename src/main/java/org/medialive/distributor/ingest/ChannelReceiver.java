package org.medialive.distributor.ingest;

import io.netty.channel.Channel;
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

    private final SourceFilter sources;
    private final DatagramParser parser = new DatagramParser();
    private final RtpReorderBuffer reorder;
    private final InputSocket socket = new InputSocket();
    private final TsSink sink;
    private long datagrams;
    private long packets;
    private long bytes;
    private long malformed;
    private long rejected;
    private long lastPacketMillis;
    private SenderRestart lastRestart;

    /** @param sources the senders datagrams are accepted from ({@link SourceFilter#ANY} for all) */
    public ChannelReceiver(SourceFilter sources, int reorderWindow, TsSink sink) {
        this.sources = sources;
        this.sink = sink;
        this.reorder = new RtpReorderBuffer(reorderWindow, this::pass, this::senderRestarted);
    }

    @Override
    public void process(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(NettyConstants.NETTY_REMOTE_ADDRESS);
        byte[] datagram = exchange.getMessage().getBody(byte[].class);
        receive(remote instanceof InetSocketAddress address ? address : null, datagram, datagram == null ? 0 : datagram.length);
    }

    /**
     * Accepts one datagram from {@code sender}, refusing (and counting) it when it is not one of
     * the channel's sources; called by {@link DatagramHandler} on the Netty event loop.
     * The array is only read during the call.
     */
    public synchronized void receive(InetSocketAddress sender, byte[] datagram, int length) {
        if (!sources.accepts(sender)) {
            datagrams++;
            rejected++;
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

    /**
     * Delivers packets held for a gap that will not be filled and drops a stray packet kept on
     * probation; called when the input goes quiet. Bounded: at most a reorder window of steps.
     */
    public synchronized void flushHeld() {
        reorder.flush();
    }

    /** Once a second (never per datagram): what the kernel says about the socket. */
    public void sampleSocket() {
        socket.sample();
    }

    public synchronized IngestCounters counters() {
        return new IngestCounters(datagrams, packets, bytes,
                reorder.lost, reorder.reordered, reorder.duplicate, reorder.late, reorder.dropped, reorder.restarts,
                malformed, rejected, malformed == 0 ? null : parser.problem, lastPacketMillis,
                socket.kernelDrops(), socket.receiveBuffer());
    }

    /** The newest sender restart, or null if none yet. */
    public synchronized SenderRestart lastRestart() {
        return lastRestart;
    }

    void socketOpened(Channel channel) {
        socket.opened(channel);
    }

    void socketClosed(Channel channel) {
        socket.closed(channel);
    }

    // rare (a sender restart), so one small object here is not a per-datagram allocation
    private void senderRestarted(long previousSsrc, long ssrc, int firstSequence) {
        lastRestart = new SenderRestart(previousSsrc, ssrc, firstSequence, reorder.restarts);
    }

    private void pass(byte[] data, int offset, int length) {
        packets += length / DatagramParser.TS_PACKET;
        bytes += length;
        lastPacketMillis = System.currentTimeMillis();
        sink.accept(data, offset, length);
    }
}
