package io.jgrad.spark;

/**
 * What one training step cost and achieved, measured on the driver. A step is one optimizer
 * update (synchronous mode) or one round of local steps followed by averaging.
 *
 * <p>Its wall time splits into: {@code computeNanos}, the slowest partition's forward and
 * backward (the critical path); {@code broadcastNanos}, creating the weights' broadcast plus the
 * longest any task waited to fetch it; {@code updateNanos}, the driver applying the optimizer
 * step or the average; and the rest ({@link #aggregateNanos}): task scheduling, shipping results
 * and summing them.
 *
 * @param step       the number of steps done, this one included
 * @param epoch      the epoch this step belongs to (0-based)
 * @param loss       the mean training loss of the step's samples
 * @param samples    the samples the step trained on
 * @param partitions the partitions that contributed
 */
public record StepStats(long step, long epoch, double loss, long samples, int partitions, long stepNanos, long computeNanos,
        long broadcastNanos, long updateNanos) {

    /** Samples per second of wall time. */
    public double samplesPerSecond() {
        return samples * 1e9 / Math.max(1, stepNanos);
    }

    /** Time not spent computing on executors or updating on the driver: broadcast, scheduling, aggregation. */
    public long syncNanos() {
        return Math.max(0, stepNanos - computeNanos - updateNanos);
    }

    /** The synchronisation time other than the broadcast: scheduling, result shipping and summing. */
    public long aggregateNanos() {
        return Math.max(0, syncNanos() - broadcastNanos);
    }
}
