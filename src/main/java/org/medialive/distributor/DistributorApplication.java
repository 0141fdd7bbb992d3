package org.medialive.distributor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Receives MPEG-TS channels over RTP/UDP and relays each, untouched, to its SRT and RTMP outputs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DistributorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DistributorApplication.class, args);
    }
}
