package org.medialive.distributor.ingest.fec;

/**
 * What SMPTE 2022-1 FEC did on one channel input; a consistent snapshot.
 *
 * @param recovered       lost media packets rebuilt from FEC and delivered in place
 * @param columnPackets   column FEC packets received (port + 2)
 * @param rowPackets      row FEC packets received (port + 4)
 * @param malformed       FEC datagrams refused (not a 2022-1 XOR FEC packet, matrix out of range); media unaffected
 * @param lastMalformed   why the last one was refused, or null
 * @param columns         L, the matrix's columns, learnt from the FEC headers; 0 until known
 * @param rows            D, the matrix's rows; 0 until a column FEC packet was seen
 * @param windowPackets   media packets the reorder window holds back while it waits for FEC
 * @param addedDelayMillis what that window costs at the current packet rate, 0 until known
 * @param lastFecMillis   wall-clock time of the last FEC packet, 0 if none yet
 */
public record FecCounters(long recovered, long columnPackets, long rowPackets, long malformed, String lastMalformed,
                          int columns, int rows, int windowPackets, long addedDelayMillis, long lastFecMillis) {
}
