package org.medialive.distributor.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What arrives on one audio or video PID, from its PES headers (no decoding: silence is not detected).
 *
 * @param pes           PES packets (frames, or groups of audio frames) started on the PID
 * @param carriesFrames whether a PES started within the last second
 * @param frameRate     video frames per second from the decode timestamps; absent for audio and until measured
 * @param lastPesAt     when the last PES started; absent before the first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamActivity(String kind, long pes, boolean carriesFrames, Double frameRate, Instant lastPesAt) {

    static final long PRESENT_MILLIS = 1000;

    static StreamActivity of(PesTiming t, long nowMillis) {
        return new StreamActivity(t.video ? "video" : "audio", t.pes,
                t.pes > 0 && nowMillis - t.lastPesMillis <= PRESENT_MILLIS,
                t.video && t.frameRate > 0 ? t.frameRate : null,
                t.pes == 0 ? null : Instant.ofEpochMilli(t.lastPesMillis));
    }
}
