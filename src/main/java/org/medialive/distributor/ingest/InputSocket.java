package org.medialive.distributor.ingest;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramChannelConfig;
import java.net.InetSocketAddress;

/**
 * What the kernel says about a channel's ingest socket, sampled once a second (never per
 * datagram): the receive buffer it granted and the datagrams it dropped because that buffer
 * was full. Linux caps the request at {@code net.core.rmem_max} (and doubles it for its own
 * bookkeeping; the JDK halves what the kernel reports, so the value read compares directly
 * with what was asked: 4 MB asked, rmem_max 4 MB, 4 MB read).
 */
final class InputSocket {

    private volatile Channel channel;
    private volatile long kernelDrops;
    private volatile long receiveBuffer;

    /** Called on the event loop when the route's socket gets the channel's handler. */
    void opened(Channel socket) {
        channel = socket;
    }

    void closed(Channel socket) {
        if (channel == socket) {
            channel = null;
        }
    }

    /** Reads the kernel's figures; the last ones stay when the socket is closed. */
    void sample() {
        Channel socket = channel;
        if (socket == null || !socket.isActive() || !(socket.localAddress() instanceof InetSocketAddress local)) {
            return;
        }
        if (socket.config() instanceof DatagramChannelConfig config) {
            receiveBuffer = config.getReceiveBufferSize();
        }
        long drops = KernelUdpTable.drops(local);
        if (drops >= 0) {
            kernelDrops = drops;
        }
    }

    long kernelDrops() {
        return kernelDrops;
    }

    /** @return bytes granted (comparable with the request), 0 until known */
    long receiveBuffer() {
        return receiveBuffer;
    }
}
