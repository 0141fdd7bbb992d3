package org.medialive.distributor;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code distributor.*}. Every key is documented in application.yaml,
 * where its default is set; the defaults here only keep tests that omit a key working.
 */
@ConfigurationProperties("distributor")
public record DistributorProperties(
        @DefaultValue("./data") Path dataDir,
        String adminPassword,
        @DefaultValue Ingest ingest,
        @DefaultValue Output output,
        @DefaultValue Limits limits) {

    public record Ingest(
            @DefaultValue("4MB") DataSize receiveBuffer,
            @DefaultValue("8") int reorderWindow,
            @DefaultValue("3s") Duration signalTimeout,
            @DefaultValue("10ms") Duration pollInterval,
            @DefaultValue("1") int threads,
            @DefaultValue Tr101290 tr101290) {
    }

    /** ETSI TR 101 290 intervals (defaults: the standard's) and how long a priority 1 error keeps health DEGRADED. */
    public record Tr101290(
            @DefaultValue("500ms") Duration pat,
            @DefaultValue("500ms") Duration pmt,
            @DefaultValue("5s") Duration pid,
            @DefaultValue("40ms") Duration pcr,
            @DefaultValue("100ms") Duration pcrJump,
            @DefaultValue("700ms") Duration pts,
            @DefaultValue("10s") Duration degradedFor) {

        public Tr101290 {
            new org.medialive.distributor.stream.Tr101290Limits(pat, pmt, pid, pcr, pcrJump, pts); // refuses a bad setting at start-up
            if (degradedFor == null || degradedFor.isNegative()) {
                throw new IllegalArgumentException("distributor.ingest.tr101290.degraded-for must not be negative");
            }
        }

        public org.medialive.distributor.stream.Tr101290Limits limits() {
            return new org.medialive.distributor.stream.Tr101290Limits(pat, pmt, pid, pcr, pcrJump, pts);
        }
    }

    public record Output(
            @DefaultValue("2MB") DataSize buffer,
            @DefaultValue("10ms") Duration flushDelay,
            @DefaultValue("3s") Duration stopGrace,
            @DefaultValue("1s") Duration restartDelay,
            @DefaultValue("60s") Duration restartDelayMax,
            @DefaultValue("30s") Duration stableAfter,
            @DefaultValue("0") int maxRestarts,
            @DefaultValue("10s") Duration stallTimeout,
            @DefaultValue("1MB") DataSize logSize,
            @DefaultValue("3") int logFiles) {
    }

    public record Limits(
            @DefaultValue("100") int channels,
            @DefaultValue("20") int outputsPerChannel,
            @DefaultValue("64KB") DataSize requestBody,
            @DefaultValue("5") int loginAttempts,
            @DefaultValue("5m") Duration loginWindow,
            @DefaultValue("1m") Duration loginLockout) {
    }

    /** Absolute, so child processes started in another working directory find the same files. */
    public Path dataPath() {
        return dataDir.toAbsolutePath().normalize();
    }
}
