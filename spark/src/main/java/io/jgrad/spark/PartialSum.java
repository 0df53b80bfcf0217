package io.jgrad.spark;

import java.io.Serializable;

/**
 * What partitions send back and {@code treeAggregate} adds up: a weighted sum of flat float
 * vectors (gradients, or weights and optimizer state) with the loss summed the same way, plus the
 * timings the driver reports. The empty sum is tiny, so starting {@code treeAggregate} from it
 * does not ship a large zero value with every task.
 *
 * <p>{@link #plus} may reuse either operand's vector: Spark allows an aggregation to modify and
 * return its arguments.
 */
final class PartialSum implements Serializable {
    private float[] values;                        // null while empty
    private OptimizerVector.StateLayout layout;    // of the optimizer part, parameter averaging only
    private double loss;
    private long samples;
    private int partitions;
    private long maxComputeNanos;
    private long maxFetchNanos;

    /** The sum of nothing. */
    static PartialSum empty() {
        return new PartialSum();
    }

    /**
     * One partition's contribution: already-weighted {@code values}, its weighted loss, the
     * samples it used, the time it spent computing and the time it waited for the broadcast.
     */
    static PartialSum of(float[] values, OptimizerVector.StateLayout layout, double weightedLoss, long samples, long computeNanos, long fetchNanos) {
        PartialSum s = new PartialSum();
        s.values = values;
        s.layout = layout;
        s.loss = weightedLoss;
        s.samples = samples;
        s.partitions = 1;
        s.maxComputeNanos = computeNanos;
        s.maxFetchNanos = fetchNanos;
        return s;
    }

    /** The sum of this and {@code other}; reuses this object. */
    PartialSum plus(PartialSum other) {
        if (other.partitions == 0) return this;
        if (partitions == 0) return other;
        if (values.length != other.values.length)
            throw new IllegalStateException("SparkTrainer: partitions returned vectors of " + values.length + " and " + other.values.length
                    + " floats; the model factory must build the same architecture every time");
        if (layout != null && !layout.sameAs(other.layout))
            throw new IllegalStateException("SparkTrainer: replicas ended a round with different optimizer states (" + layout.keys() + " vs "
                    + other.layout.keys() + ")");
        float[] a = values, b = other.values;
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        loss += other.loss;
        samples += other.samples;
        partitions += other.partitions;
        maxComputeNanos = Math.max(maxComputeNanos, other.maxComputeNanos);
        maxFetchNanos = Math.max(maxFetchNanos, other.maxFetchNanos);
        return this;
    }

    /** Adds {@code other} to {@code sum} ({@code treeAggregate}'s combine function). */
    static PartialSum merge(PartialSum sum, PartialSum other) {
        return sum.plus(other);
    }

    boolean isEmpty() {
        return partitions == 0;
    }

    /** The summed vector (null when empty). */
    float[] values() {
        return values;
    }

    /** The optimizer state layout every replica reported, or null. */
    OptimizerVector.StateLayout layout() {
        return layout;
    }

    /** The summed weighted loss: the batch mean when the weights are the partitions' shares. */
    double loss() {
        return loss;
    }

    long samples() {
        return samples;
    }

    /** The number of partitions that contributed. */
    int partitions() {
        return partitions;
    }

    /** The slowest partition's compute time (the step's critical path). */
    long maxComputeNanos() {
        return maxComputeNanos;
    }

    /** The longest any partition waited for the broadcast weights. */
    long maxFetchNanos() {
        return maxFetchNanos;
    }
}
