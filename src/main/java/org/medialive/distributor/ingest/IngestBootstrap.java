package org.medialive.distributor.ingest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.component.netty.DefaultServerInitializerFactory;
import org.apache.camel.component.netty.NettyConfiguration;
import org.apache.camel.component.netty.NettyConsumer;
import org.apache.camel.component.netty.ServerInitializerFactory;
import org.apache.camel.component.netty.SingleUDPNettyServerBootstrapFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an ingest route's socket (the route's {@code nettyServerBootstrapFactory}, one instance per
 * route: it keeps the socket it opened, to close it when the route stops). A unicast input's socket
 * is opened by camel-netty's own code, unchanged. A multicast input's is not: camel-netty binds it to
 * the wildcard address and joins any-source, so it would receive every group joined on the host on
 * that port (Linux, IP_MULTICAST_ALL) and no other input could use the port. Here it is bound to the
 * group address and port: Linux hands it only datagrams sent to that group, so channels on different
 * groups can share a port. That needs no SO_REUSEADDR (sockets bound to different addresses do not
 * clash), so it stays as the route sets it, off: a second socket on the same group and port, or a
 * program holding the whole port, still makes the bind fail loudly. With {@code sources} the group is joined source-specifically (IGMPv3) for each:
 * the kernel drops every other sender's datagram before it reaches the socket. The rest (buffers,
 * read allocator, the route's pipeline and event loops) is set from the route's configuration as
 * camel-netty sets it.
 */
public final class IngestBootstrap extends SingleUDPNettyServerBootstrapFactory {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBootstrap.class);

    private final Supplier<Consumer> route;
    private final List<InetAddress> sources;
    private NettyConfiguration configuration;
    private ChannelInitializer<Channel> pipeline;

    /**
     * @param route   the route's consumer, looked up when it starts: camel-netty initialises only the
     *                factories it makes itself, so this one gets the route's configuration and
     *                pipeline from it, as camel-netty would have given them
     * @param sources senders to join a multicast group for; empty joins any-source
     */
    public IngestBootstrap(Supplier<Consumer> route, List<InetAddress> sources) {
        this.route = route;
        this.sources = List.copyOf(sources);
    }

    @Override
    protected void doStart() throws Exception {
        if (!(route.get() instanceof NettyConsumer consumer)) {
            throw new IllegalStateException("the ingest route's consumer is not camel-netty's");
        }
        configuration = consumer.getConfiguration();
        ServerInitializerFactory custom = configuration.getServerInitializerFactory();
        pipeline = custom != null ? custom.createPipelineFactory(consumer) : new DefaultServerInitializerFactory(consumer);
        init(consumer.getContext(), configuration, pipeline);
        super.doStart();
    }

    @Override
    protected void startServerBootstrap() throws Exception {
        InetAddress host = InetAddress.getByName(configuration.getHost());
        if (!host.isMulticastAddress()) {
            super.startServerBootstrap(); // unicast: camel-netty's own socket, reuseAddress as the route says (off)
            return;
        }
        EventLoopGroup loops = configuration.getWorkerGroup();
        if (loops == null) {
            // the ingest template always names the shared event loops; a pool of our own would never be shut down
            throw new IllegalStateException("a multicast ingest route needs its workerGroup (the shared ingest event loops)");
        }
        String name = configuration.getNetworkInterface() == null ? "lo" : configuration.getNetworkInterface();
        NetworkInterface networkInterface = NetworkInterface.getByName(name);
        if (networkInterface == null) {
            throw new IllegalArgumentException("no network interface named '" + name + "'");
        }
        Bootstrap bootstrap = new Bootstrap().group(loops)
                .channel(configuration.isNativeTransport() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, configuration.isReuseAddress())
                .option(ChannelOption.SO_SNDBUF, configuration.getSendBufferSize())
                .option(ChannelOption.SO_RCVBUF, configuration.getReceiveBufferSize())
                .option(ChannelOption.SO_BROADCAST, configuration.isBroadcast())
                .handler(pipeline);
        if (configuration.getReceiveBufferSizePredictor() > 0) {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(configuration.getReceiveBufferSizePredictor()));
        }
        InetSocketAddress group = new InetSocketAddress(host, configuration.getPort());
        DatagramChannel socket = (DatagramChannel) bootstrap.bind(group).sync().channel();
        addChannel(socket); // closed with the others when the route stops; closing leaves the group
        try {
            if (sources.isEmpty()) {
                socket.joinGroup(group, networkInterface).sync();
            }
            for (InetAddress source : sources) {
                socket.joinGroup(host, networkInterface, source).sync();
            }
        } catch (Exception e) {
            socket.close().syncUninterruptibly();
            throw e;
        }
        LOG.info("Bound to {}, joined on {} {}", group, name,
                sources.isEmpty() ? "from any source" : "from " + sources.stream().map(InetAddress::getHostAddress).toList());
    }
}
