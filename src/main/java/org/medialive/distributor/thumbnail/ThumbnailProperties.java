package org.medialive.distributor.thumbnail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code distributor.thumbnails.*}, documented in application.yaml.
 *
 * @param every       how often each channel's picture is renewed (from its last keyframe)
 * @param width       picture width in pixels; the height keeps the source's display aspect ratio
 * @param timeLimit   an ffmpeg decode still running after this is killed
 * @param concurrency at most this many decodes run at a time, whatever the number of channels
 * @param ffmpeg      the ffmpeg executable
 */
@ConfigurationProperties("distributor.thumbnails")
public record ThumbnailProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration every,
        @DefaultValue("320") int width,
        @DefaultValue("5s") Duration timeLimit,
        @DefaultValue("1") int concurrency,
        @DefaultValue("ffmpeg") String ffmpeg) {

    public ThumbnailProperties {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("distributor.thumbnails.every must be at least 1s, not " + every);
        }
        if (width < 16 || width > 3840 || width % 2 != 0) {
            throw new IllegalArgumentException("distributor.thumbnails.width must be an even number of pixels from 16 to 3840, not " + width);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("distributor.thumbnails.time-limit must be positive, not " + timeLimit);
        }
        if (concurrency < 1 || concurrency > 16) {
            throw new IllegalArgumentException("distributor.thumbnails.concurrency must be from 1 to 16, not " + concurrency);
        }
    }
}
