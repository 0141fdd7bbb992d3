package org.medialive.distributor.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.medialive.distributor.monitoring.LiveUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Cluster mode: what GET /api/cluster answers, pushed to the open dashboards every 2 s as a
 * {@code cluster} message on /ws (who serves the page, who is alive, who owns what). Pushed
 * rather than polled by the page: a request every 2 s would keep an unattended dashboard's
 * login session alive for ever (it ends after 30 idle minutes; the live feed does not count).
 * On a thread of its own: it asks ZooKeeper for election members, which must not hold up the
 * one-second stats tick.
 */
@Component
@Conditional(ClusterMode.class)
class ClusterFeed implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFeed.class);
    private static final long EVERY_MILLIS = 2000;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cluster-feed");
        thread.setDaemon(true);
        return thread;
    });

    ClusterFeed(ClusterApi api, LiveUpdates live) {
        timer.scheduleWithFixedDelay(() -> push(api, live), EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void push(ClusterApi api, LiveUpdates live) {
        if (!live.watched()) {
            return;
        }
        try {
            live.publish("cluster", api.state());
        } catch (Exception e) {
            // ZooKeeper away: the lease and the elections log it; the dashboards keep the last answer
            LOG.debug("Cluster: no cluster message for the dashboards: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
