package org.medialive.distributor.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medialive.distributor.channel.SharedChannels;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Stops every channel this node holds the moment its {@link Lease} lapses, on threads of its
 * own and with no ZooKeeper call on the way: those wait (Curator retries) while ZooKeeper is out
 * of reach, which is when stopping matters most. The write path has stopped writing already.
 */
@Component
@Conditional(ClusterMode.class)
class LeaseFence {

    private final SharedChannels channels;
    private final ExecutorService stops = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cluster-fence");
        thread.setDaemon(true);
        return thread;
    });

    LeaseFence(Lease lease, SharedChannels channels) {
        this.channels = channels;
        lease.onChange(valid -> {
            if (!valid) {
                release();
            }
        });
    }

    private void release() {
        channels.held().forEach((id, held) -> {
            if (held) {
                stops.execute(() -> channels.hold(id, false, "cluster lease lapsed"));
            }
        });
    }
}
