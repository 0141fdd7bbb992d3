package org.medialive.distributor.thumbnail;

import java.util.concurrent.atomic.AtomicBoolean;
import org.medialive.distributor.channel.Channel;

/** One channel's keyframe collector and its latest picture; at most one decode of it at a time. */
final class ChannelPictures {

    private final Channel channel;
    private final KeyframeCollector keyframes = new KeyframeCollector();
    private final AtomicBoolean decoding = new AtomicBoolean();
    private volatile Thumbnail thumbnail;
    private long decodedKeyframe;
    private long lastAttemptMillis = Long.MIN_VALUE / 2;

    ChannelPictures(Channel channel) {
        this.channel = channel;
        channel.observe(keyframes);
    }

    Channel channel() {
        return channel;
    }

    KeyframeCollector keyframes() {
        return keyframes;
    }

    Thumbnail thumbnail() {
        return thumbnail;
    }

    /** A keyframe newer than the picture, and the interval since the last try has passed: claim it for a decode. */
    synchronized Keyframe claimDue(long nowMillis, long everyMillis) {
        Keyframe latest = keyframes.latest();
        if (latest == null || latest.number() == decodedKeyframe || nowMillis - lastAttemptMillis < everyMillis
                || !decoding.compareAndSet(false, true)) {
            return null;
        }
        lastAttemptMillis = nowMillis;
        decodedKeyframe = latest.number();
        return latest;
    }

    void decoded(Thumbnail picture) {
        thumbnail = picture;
        decoding.set(false);
    }

    void failed() {
        decoding.set(false);
    }

    /** No signal: the picture and keyframe go, so an old picture is never shown as the channel's now. @return whether one was shown */
    synchronized boolean forget() {
        boolean had = thumbnail != null;
        thumbnail = null;
        keyframes.forget();
        lastAttemptMillis = Long.MIN_VALUE / 2;
        return had;
    }
}
