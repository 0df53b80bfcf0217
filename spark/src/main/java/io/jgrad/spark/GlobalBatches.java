package io.jgrad.spark;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.Arrays;

/**
 * The global batches of synchronous training, drawn on the driver: every epoch is a random
 * permutation of the global sample indices (from a seeded {@link Generator}, like
 * {@code torch.randperm}), cut into consecutive batches; the last batch of an epoch may be
 * smaller. The batches depend only on the seed, the data size and the batch size, never on how
 * the data is partitioned.
 *
 * <p>Steps must be asked for in increasing order. To resume, {@link #rngState} gives the
 * generator state from which the epoch of a step is drawn, and {@link #restore} starts from it.
 */
final class GlobalBatches {
    private final int total;
    private final int batchSize;
    private final Generator generator;
    private long epoch = -1;       // the epoch whose order is drawn
    private long[] epochStart;     // the generator state that epoch was drawn from
    private long[] order;

    GlobalBatches(int total, int batchSize, long seed) {
        if (total < 1) throw new IllegalArgumentException("GlobalBatches: need at least one sample, got " + total);
        if (batchSize < 1) throw new IllegalArgumentException("GlobalBatches: batch size must be at least 1, got " + batchSize);
        this.total = total;
        this.batchSize = batchSize;
        this.generator = new Generator(seed);
    }

    /** Batches per epoch: every sample once, the last batch possibly smaller. */
    long stepsPerEpoch() {
        return (total + (long) batchSize - 1) / batchSize;
    }

    /** The sorted global sample indices of {@code step}'s batch (0-based, counted over all epochs). */
    int[] batch(long step) {
        long e = step / stepsPerEpoch();
        if (e < epoch) throw new IllegalStateException("GlobalBatches: step " + step + " is in epoch " + e + ", already past (at epoch " + epoch + ")");
        while (epoch < e) {
            epochStart = generator.getState();
            order = Tensor.randperm(generator, total).toLongArray();
            epoch++;
        }
        int from = (int) ((step % stepsPerEpoch()) * batchSize);
        int to = Math.min(from + batchSize, total);
        int[] batch = new int[to - from];
        for (int i = 0; i < batch.length; i++) batch[i] = (int) order[from + i];
        Arrays.sort(batch);
        return batch;
    }

    /** The generator state from which {@code step}'s epoch is (or will be) drawn. */
    long[] rngState(long step) {
        long e = step / stepsPerEpoch();
        if (e == epoch) return epochStart.clone();
        if (e == epoch + 1) return generator.getState();
        throw new IllegalStateException("GlobalBatches: no generator state for step " + step + " (epoch " + e + "; at epoch " + epoch + ")");
    }

    /** Continues from a state {@link #rngState} returned for {@code step}. */
    void restore(long[] state, long step) {
        generator.setState(state);
        epoch = step / stepsPerEpoch() - 1;
        epochStart = null;
        order = null;
    }
}
