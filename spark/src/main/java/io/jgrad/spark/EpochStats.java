package io.jgrad.spark;

/**
 * Totals over the steps of one epoch (or over the part of it run since a resume).
 *
 * @param epoch        0-based
 * @param steps        the steps in it
 * @param loss         the mean training loss, weighted by each step's samples
 * @param samples      the samples trained on
 * @param nanos        wall time of its steps
 * @param computeNanos of which the slowest partitions computed
 * @param syncNanos    of which went to broadcast, scheduling and aggregation
 */
public record EpochStats(long epoch, long steps, double loss, long samples, long nanos, long computeNanos, long syncNanos) {

    /** Samples per second of wall time. */
    public double samplesPerSecond() {
        return samples * 1e9 / Math.max(1, nanos);
    }

    /** An epoch with no steps yet. */
    static EpochStats start(long epoch) {
        return new EpochStats(epoch, 0, 0, 0, 0, 0, 0);
    }

    /** This epoch with one more step. */
    EpochStats plus(StepStats s) {
        long n = samples + s.samples();
        double meanLoss = n == 0 ? 0 : (loss * samples + s.loss() * s.samples()) / n;
        return new EpochStats(epoch, steps + 1, meanLoss, n, nanos + s.stepNanos(), computeNanos + s.computeNanos(), syncNanos + s.syncNanos());
    }
}
