package org.medialive.distributor.thumbnail;

import java.util.List;
import org.medialive.distributor.ingest.TsSink;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.stream.TsPacket;

/**
 * Keeps the last complete keyframe access unit of one transport stream's video PID. Attach it
 * to any stream (a channel's, an input's): it sees every packet on the ingest thread, so per
 * packet it only compares a PID; it copies bytes only while a keyframe is arriving, because a
 * unit is dropped at its first slice when that slice is not a keyframe. One PES is one access
 * unit (ISO 13818-1 2.14 for AVC and HEVC in TS, and what encoders send); it is complete when
 * the next one starts. A unit with a continuity gap or a transport error is dropped: a damaged
 * keyframe decodes to a damaged picture.
 */
public final class KeyframeCollector implements TsSink {

    private record Video(int pid, VideoCodec codec) {
    }

    private final AccessUnitBuffer unit = new AccessUnitBuffer();
    private volatile Video wanted;
    private volatile Keyframe latest;
    private Video current;
    private boolean collecting;
    private int lastCc = -1;
    private long count;

    /** Follows the first H.264 or HEVC stream of the latest PMT; none: nothing is collected. */
    public void follow(List<ElementaryStream> streams) {
        Video video = null;
        for (ElementaryStream stream : streams) {
            VideoCodec codec = VideoCodec.ofStreamType(stream.streamType());
            if (codec != null) {
                video = new Video(stream.pid(), codec);
                break;
            }
        }
        if (video == null ? wanted != null : !video.equals(wanted)) {
            wanted = video;
        }
    }

    /** Whether a video PID is being followed. */
    public boolean hasVideo() {
        return wanted != null;
    }

    /** The last complete keyframe, or null. */
    Keyframe latest() {
        return latest;
    }

    /** Forgets the last keyframe (e.g. the signal was lost: an old picture must not pass for a live one). */
    void forget() {
        latest = null;
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        Video video = wanted;
        if (video != current) {
            current = video;
            collecting = false;
            lastCc = -1;
        }
        if (video == null) {
            return;
        }
        for (int at = offset, end = offset + length; at + TsPacket.SIZE <= end; at += TsPacket.SIZE) {
            if (TsPacket.pid(buffer, at) == video.pid()) {
                packet(buffer, at, video.codec());
            }
        }
    }

    private void packet(byte[] b, int at, VideoCodec codec) {
        if (TsPacket.transportError(b, at) || TsPacket.scrambled(b, at)) {
            collecting = false;
            return;
        }
        int payload = TsPacket.payloadOffset(b, at);
        if (payload < 0) {
            return;
        }
        int cc = TsPacket.continuityCounter(b, at);
        if (cc == lastCc) {
            return; // a repeated packet (ISO 13818-1 allows one)
        }
        boolean gap = lastCc >= 0 && cc != ((lastCc + 1) & 0x0F) && !TsPacket.discontinuityIndicator(b, at);
        lastCc = cc;
        if (TsPacket.payloadUnitStart(b, at)) {
            if (collecting && unit.verdict() == AccessUnitBuffer.Verdict.KEYFRAME) {
                publish(codec);
            }
            startPes(b, payload, at + TsPacket.SIZE, codec);
        } else if (gap) {
            collecting = false;
        } else if (collecting) {
            collecting = unit.append(b, payload, at + TsPacket.SIZE - payload);
        }
    }

    /** PES header (ISO 13818-1 2.4.3.6): start code, stream_id, length, flags, header length. */
    private void startPes(byte[] b, int payload, int end, VideoCodec codec) {
        collecting = false;
        if (end - payload < 9 || b[payload] != 0 || b[payload + 1] != 0 || b[payload + 2] != 1) {
            return;
        }
        int data = payload + 9 + (b[payload + 8] & 0xFF);
        if (data > end) {
            return; // a header across packets: skip this unit, the next keyframe will do
        }
        unit.start(codec);
        collecting = unit.append(b, data, end - data);
    }

    private void publish(VideoCodec codec) {
        byte[] keyframe = unit.keyframe();
        if (keyframe != null) {
            latest = new Keyframe(codec, keyframe, ++count, System.currentTimeMillis());
        }
    }
}
