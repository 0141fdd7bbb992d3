package org.medialive.distributor.stream;

/**
 * A splice_info_section received on a channel, with a valid CRC.
 *
 * @param receivedMillis wall-clock time the section's last packet arrived
 * @param pid            PID it arrived on
 */
public record Cue(long receivedMillis, int pid, SpliceInfo splice) {
}
