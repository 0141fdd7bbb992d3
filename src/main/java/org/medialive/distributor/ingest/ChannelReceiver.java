package org.medialive.distributor.ingest;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;
import org.medialive.distributor.ingest.fec.FecCounters;
import org.medialive.distributor.ingest.fec.FecDecoder;

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
    private final FecDecoder fec;
    private final int reorderWindow;
    private final DatagramParser recoveredParser = new DatagramParser();
    private byte[] recoveredDatagram;

    /** @param sources the senders datagrams are accepted from ({@link SourceFilter#ANY} for all) */
    public ChannelReceiver(SourceFilter sources, int reorderWindow, TsSink sink) {
        this(sources, reorderWindow, sink, null);
    }

    /**
     * @param fec SMPTE 2022-1 FEC for this input, or null when it is off; with it the reorder
     *            window grows to what the FEC matrix needs once the FEC headers tell its size
     */
    public ChannelReceiver(SourceFilter sources, int reorderWindow, TsSink sink, FecDecoder fec) {
        this.sources = sources;
        this.sink = sink;
        this.fec = fec;
        this.reorderWindow = reorderWindow;
        this.reorder = fec == null
                ? new RtpReorderBuffer(reorderWindow, this::pass, this::senderRestarted)
                : new RtpReorderBuffer(reorderWindow, RtpReorderBuffer.LARGEST_WINDOW, this::pass, this::senderRestarted, this::recover);
        this.recoveredDatagram = fec == null ? null : new byte[DatagramHandler.LARGEST_DATAGRAM];
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
            case RTP -> {
                if (fec != null) {
                    fec.media(datagram, length, parser.sequence, parser.ssrc);
                }
                reorder.accept(parser.sequence, parser.ssrc, datagram, parser.payloadOffset, parser.payloadLength);
            }
            case PLAIN_TS -> pass(datagram, parser.payloadOffset, parser.payloadLength);
            case MALFORMED -> {
                malformed++;
                if (parser.unsynced) {
                    sink.unsynced(datagram, parser.payloadOffset, parser.payloadLength);
                }
            }
        }
    }

    /**
     * Accepts one datagram from a FEC port (media port + 2 or + 4); called on the event loop of
     * the FEC route. A refused or malformed one is counted and never reaches the media path.
     */
    public synchronized void receiveFec(InetSocketAddress sender, byte[] datagram, int length) {
        if (fec == null) {
            return;
        }
        if (!sources.accepts(sender)) {
            fec.refused("FEC datagram from an address that is not one of the input's sources");
            return;
        }
        fec.fec(datagram, length, System.currentTimeMillis());
        int wanted = Math.max(reorderWindow, fec.window());
        if (wanted != reorder.window()) {
            reorder.resize(wanted);
        }
    }

    /** FEC counters, or null when FEC is off on this input. */
    public synchronized FecCounters fecCounters() {
        return fec == null ? null : fec.counters();
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
        if (fec != null) {
            synchronized (this) {
                fec.sample(System.currentTimeMillis());
            }
        }
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
        if (fec != null) {
            fec.restarted();
        }
    }

    /** The reorder window's last try before counting a packet lost: rebuild it from FEC. */
    private boolean recover(int sequence, long ssrc) {
        int length = fec.recover(sequence, ssrc, recoveredDatagram);
        if (length < 0 || recoveredParser.parse(recoveredDatagram, length) != DatagramParser.Kind.RTP
                || recoveredParser.sequence != sequence) {
            return false;
        }
        fec.delivered();
        pass(recoveredDatagram, recoveredParser.payloadOffset, recoveredParser.payloadLength);
        return true;
    }

    private void pass(byte[] data, int offset, int length) {
        packets += length / DatagramParser.TS_PACKET;
        bytes += length;
        lastPacketMillis = System.currentTimeMillis();
        sink.accept(data, offset, length);
    }
}
