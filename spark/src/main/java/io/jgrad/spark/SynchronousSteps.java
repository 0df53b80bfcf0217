package io.jgrad.spark;

import io.jgrad.core.Tensor;
import io.jgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data parallelism: each step is exactly the single-machine step on the global batch.
 * The driver draws the batch ({@link GlobalBatches}) and broadcasts it with the weights; every
 * partition computes the mean-loss gradient over the batch samples it holds, weighted by its
 * share {@code n_p / B} of the batch; the weighted gradients add up to the full batch's mean
 * gradient, which the driver's optimizer applies.
 */
final class SynchronousSteps extends StepRunner {
    private final JavaSparkContext sc;
    private final ShardedData data;
    private final ModelVector vector;
    private final Optimizer optimizer;
    private final GlobalBatches batches;
    private final GradientTask.Config config;

    SynchronousSteps(JavaSparkContext sc, ShardedData data, ModelVector vector, Optimizer optimizer, int batchSize, long seed, GradientTask.Config config) {
        this.sc = sc;
        this.data = data;
        this.vector = vector;
        this.optimizer = optimizer;
        this.batches = new GlobalBatches(data.total(), batchSize, seed);
        this.config = config;
    }

    @Override
    long stepsPerEpoch() {
        return batches.stepsPerEpoch();
    }

    @Override
    StepStats step(long step, long epoch) {
        long start = System.nanoTime();
        int[] batch = batches.batch(step);
        int[] starts = data.starts();
        Summed s = sumOverShards(sc, data.shards(), new Input(vector.values(), batch), in -> new GradientTask(config, in, starts));
        PartialSum sum = s.sum();
        if (sum.samples() != batch.length)
            throw new IllegalStateException("SparkTrainer: step " + step + " trained on " + sum.samples() + " samples, its batch has " + batch.length
                    + "; did the input RDD change between jobs? (it must be deterministic)");
        long update = System.nanoTime();
        vector.setGradientsAndBuffers(sum.values());
        optimizer.step();
        long end = System.nanoTime();
        return new StepStats(step + 1, epoch, sum.loss(), sum.samples(), sum.partitions(), end - start, sum.maxComputeNanos(), s.broadcastNanos(),
                end - update);
    }

    @Override
    long[] rngState(long nextStep) {
        return batches.rngState(nextStep);
    }

    @Override
    void restoreRng(long[] state, long nextStep) {
        batches.restore(state, nextStep);
    }

    /**
     * A step's broadcast: the weights and the batch's global sample indices, sorted.
     *
     * @param weights parameters then floating buffers ({@link ModelVector})
     * @param batch   sorted global indices of the step's samples
     */
    record Input(float[] weights, int[] batch) implements Serializable {
        /** The local rows of the batch samples a partition holding global indices {@code [start, start + size)} owns. */
        int[] rowsIn(int start, int size) {
            int from = firstAtLeast(start), to = firstAtLeast(start + size);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) rows[i] = batch[from + i] - start;
            return rows;
        }

        private int firstAtLeast(int index) { // the indices are distinct, so a hit is the first
            int i = Arrays.binarySearch(batch, index);
            return i >= 0 ? i : -i - 1;
        }
    }

    /** The executor side: one shard's weighted gradient for the batch samples it holds. */
    static final class GradientTask implements ShardTask {
        /** What every step's task needs besides the broadcast. */
        record Config(String runId, ModelFactory model, LossFunction loss) implements Serializable {}

        private final Config config;
        private final Broadcast<Input> input;
        private final int[] starts;

        GradientTask(Config config, Broadcast<Input> input, int[] starts) {
            this.config = config;
            this.input = input;
            this.starts = starts;
        }

        @Override
        public PartialSum compute(Shard shard) {
            Fetched<Input> in = fetch(input);
            int[] rows = in.value().rowsIn(starts[shard.partition()], shard.size());
            if (rows.length == 0) return PartialSum.empty();
            long start = System.nanoTime();
            return Replicas.using(config.runId(), config.model(), r -> {
                r.vector.load(in.value().weights());
                r.model.zeroGrad(true);
                Tensor loss = r.loss(shard.rows(rows), config.loss());
                loss.backward();
                float share = (float) rows.length / in.value().batch().length;
                float[] out = new float[r.vector.length()];
                r.vector.writeWeightedGradients(out, share);
                return PartialSum.of(out, null, share * loss.item(), rows.length, System.nanoTime() - start, in.nanos());
            });
        }
    }
}
