package org.medialive.distributor.thumbnail;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.medialive.distributor.channel.Channel;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.channel.ChannelState;
import org.medialive.distributor.output.ProcessRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * A picture per channel every {@code distributor.thumbnails.every}: once a second (on a thread
 * of its own, neither the ingest thread nor Spring's scheduler) it attaches a keyframe collector
 * to each new channel, points it at the video PID of the channel's PMT, and queues a decode for
 * each channel with a newer keyframe whose interval has passed. Decodes run on a pool of
 * {@code concurrency} threads, so 25 channels never start 25 ffmpegs at once.
 */
@Service
public class ThumbnailService implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailService.class);

    /** Why a channel has no picture, as the API reports it. */
    public enum Missing { NO_SIGNAL, NO_VIDEO, NO_KEYFRAME_YET, DISABLED }

    /** A channel's picture, or why there is none. */
    public record Lookup(Thumbnail thumbnail, Missing missing, String state) {
    }

    private final ChannelService channels;
    private final ThumbnailProperties settings;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("thumbnail-clock"));
    private final ExecutorService decodes;
    private final FfmpegDecoder decoder;
    private final Map<String, ChannelPictures> pictures = new ConcurrentHashMap<>();

    ThumbnailService(ChannelService channels, ThumbnailProperties settings, ProcessRegistry processes,
                     ApplicationEventPublisher events) {
        this.channels = channels;
        this.settings = settings;
        this.events = events;
        this.decodes = Executors.newFixedThreadPool(settings.concurrency(), daemon("thumbnail-decode"));
        this.decoder = new FfmpegDecoder(settings, processes, clock);
        if (settings.enabled()) {
            clock.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The channel's picture, or why it has none; unknown channel: 404 from {@link ChannelService}. */
    public Lookup lookup(String channelId) {
        String state = channels.view(channelId).status().state();
        if (!settings.enabled()) {
            return new Lookup(null, Missing.DISABLED, state);
        }
        ChannelPictures entry = pictures.get(channelId);
        Thumbnail thumbnail = entry == null ? null : entry.thumbnail();
        if (!ChannelState.RECEIVING.word().equals(state)) {
            return new Lookup(null, Missing.NO_SIGNAL, state);
        }
        if (thumbnail != null) {
            return new Lookup(thumbnail, null, state);
        }
        boolean video = entry == null || entry.keyframes().hasVideo() || entry.channel().streams().isEmpty();
        return new Lookup(null, video ? Missing.NO_KEYFRAME_YET : Missing.NO_VIDEO, state);
    }

    void round() {
        try {
            long now = System.currentTimeMillis();
            Set<String> present = new HashSet<>();
            for (Channel channel : channels.channels()) {
                present.add(channel.id());
                ChannelPictures entry = pictures.compute(channel.id(),
                        (id, known) -> known != null && known.channel() == channel ? known : new ChannelPictures(channel));
                entry.keyframes().follow(channel.streams());
                if (channel.state() != ChannelState.RECEIVING) {
                    if (entry.forget()) {
                        events.publishEvent(new ThumbnailTaken(channel.id(), null));
                    }
                    continue;
                }
                Keyframe due = entry.claimDue(now, settings.every().toMillis());
                if (due != null) {
                    decodes.execute(() -> decode(entry, due));
                }
            }
            pictures.keySet().retainAll(present);
        } catch (RuntimeException e) {
            LOG.warn("Thumbnail round failed; the next one follows in a second", e);
        }
    }

    private void decode(ChannelPictures entry, Keyframe keyframe) {
        String channel = entry.channel().id();
        try {
            byte[] jpeg = decoder.decode(keyframe);
            Thumbnail picture = new Thumbnail(jpeg, etagOf(jpeg), Instant.ofEpochMilli(keyframe.atMillis()));
            entry.decoded(picture);
            events.publishEvent(new ThumbnailTaken(channel, picture.etag()));
        } catch (IOException | RuntimeException e) {
            entry.failed();
            LOG.warn("Channel {}: no thumbnail from its keyframe: {}", channel, e.getMessage());
        } catch (InterruptedException e) {
            entry.failed();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        clock.shutdown(); // no more rounds; the time limits of running decodes still fire
        decodes.shutdownNow(); // interrupts a decode, whose finally kills its ffmpeg
        decodes.awaitTermination(settings.timeLimit().toMillis() + 1000, TimeUnit.MILLISECONDS);
        clock.shutdownNow();
    }

    private static String etagOf(byte[] jpeg) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jpeg);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
