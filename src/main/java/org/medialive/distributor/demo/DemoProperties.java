package org.medialive.distributor.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of demo mode ({@code --demo}), under {@code distributor.demo.*}; each is
 * documented in application.yaml, where its default is set.
 *
 * @param channel       id of the demo channel, created if missing
 * @param inputPort     UDP port of the demo channel when the demo creates it
 * @param srtPort       UDP port of the local SRT listener that receives the demo output
 * @param passphrase    SRT passphrase shared by the demo output and the listener (loopback only)
 * @param bitrate       mux rate of the test source, bits per second
 * @param cueInterval   a splice_insert every this long
 * @param breakDuration break_duration of each splice_insert
 * @param restartDelay  pause before a demo process that ended is started again
 */
@ConfigurationProperties("distributor.demo")
public record DemoProperties(
        @DefaultValue("demo") String channel,
        @DefaultValue("5900") int inputPort,
        @DefaultValue("5910") int srtPort,
        @DefaultValue("medialive-demo") String passphrase,
        @DefaultValue("2500000") long bitrate,
        @DefaultValue("30s") Duration cueInterval,
        @DefaultValue("15s") Duration breakDuration,
        @DefaultValue("2s") Duration restartDelay) {
}
