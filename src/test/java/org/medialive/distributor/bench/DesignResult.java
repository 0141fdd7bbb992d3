package org.medialive.distributor.bench;

import java.util.List;
import java.util.Map;

/**
 * What one design did under the load, over its measured window.
 *
 * @param jvm        our server's JVM; null for the alternatives (they have none)
 * @param children   the output processes: ours (srt-live-transmit, ffmpeg), or the alternative's ffmpegs
 * @param receivers  the receiving side (SRT listeners, nginx): not part of any design, for context
 * @param heap       JVM heap used, sampled every second; null for the alternatives
 * @param traffic    datagrams and errors along the way
 * @param outputs    what every receiver got
 * @param latency    added latency RTP in to SRT out; null where not measured
 * @param api        response times of the API and the dashboard during the load; null for the alternatives
 */
public record DesignResult(String design, String description, double seconds,
                           ProcessSampler.Usage jvm, ProcessSampler.Usage children, ProcessSampler.Usage receivers,
                           double totalCpuPercent, long totalPeakRssKb, Heap heap, Traffic traffic,
                           List<SrtListener.Result> outputs, Deliveries deliveries,
                           LatencyProbe.Latency latency, Map<String, Timing> api, double pacerMaxLatenessMs,
                           List<String> notes) {

    /** Heap used in MB, sampled once a second over the window. */
    public record Heap(int samples, double averageMb, double maxMb) {
    }

    /**
     * @param datagramsSent      by the pacer, per channel (each sent once to each input port of the channel)
     * @param datagramsReceived  counted by the server's channels; null where the design cannot tell
     * @param socketDrops        datagrams the kernel dropped at the design's input sockets (/proc/net/udp drops)
     * @param queueDrops         TS packets dropped by output buffers; null where the design has none to count
     */
    public record Traffic(long datagramsSent, Long datagramsReceived, Long rtpLost, Long malformed, long socketDrops,
                          Long queueDrops, Long inputCcErrors, Long cuesSeen) {
    }

    /** Summed over the receivers. @param srtByteExact SRT receivers whose capture was byte-exact; null if not checked */
    public record Deliveries(int srtReceivers, long srtBytes, Integer srtByteExact, long srtCcErrors,
                             int rtmpReceivers, long rtmpBytes, long expectedBytesPerOutput) {
    }

    /**
     * Times in milliseconds: the response times of one URL polled every second, or for
     * {@link LiveFeedWatcher#KEY} the gaps between the dashboard feed's snapshots.
     */
    public record Timing(int samples, double p50, double p99, double max, int failures) {

        static Timing of(List<Double> millis, int failures) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Timing(sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : ProcessSampler.round(sorted[sorted.length - 1]), failures);
        }

        private static double percentile(double[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return ProcessSampler.round(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
        }
    }
}
