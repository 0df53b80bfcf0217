package io.jgrad.spark;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Parameter averaging (local SGD): in each round every partition starts from the driver's weights
 * and optimizer state, runs {@code localSteps} optimizer steps on mini-batches drawn from its own
 * data, and the driver replaces its weights and optimizer state by the average of the replicas',
 * weighted by the partitions' sizes. One round is one {@link StepStats step}; it trains on about
 * {@code localSteps * batchSize} samples, each partition's local batch being its share of
 * {@code batchSize}.
 *
 * <p>Each round draws one seed from the driver's generator; a partition's mini-batches depend
 * only on that seed and the partition's index, so a retried task redoes exactly the same work.
 */
final class AveragingRounds extends StepRunner {
    private final JavaSparkContext sc;
    private final ShardedData data;
    private final ModelVector vector;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int localSteps;
    private final Generator generator;
    private final LocalStepsTask.Config config;

    AveragingRounds(JavaSparkContext sc, ShardedData data, ModelVector vector, Optimizer optimizer, int batchSize, int localSteps, long seed,
            LocalStepsTask.Config config) {
        this.sc = sc;
        this.data = data;
        this.vector = vector;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.localSteps = localSteps;
        this.generator = new Generator(seed);
        this.config = config;
    }

    @Override
    long stepsPerEpoch() {
        long perRound = (long) localSteps * batchSize;
        return (data.total() + perRound - 1) / perRound;
    }

    @Override
    StepStats step(long step, long epoch) {
        long start = System.nanoTime();
        Input input = new Input(vector.values(), OptimizerVector.capture(optimizer), generator.nextLong(), batchSize, data.total(), localSteps);
        Summed s = sumOverShards(sc, data.shards(), input, in -> new LocalStepsTask(config, in));
        PartialSum sum = s.sum();
        long update = System.nanoTime();
        float[] avg = sum.values();
        vector.load(Arrays.copyOf(avg, vector.length()));
        OptimizerVector.restore(optimizer, sum.layout(), avg, vector.length(), input.optimizer().groups());
        long end = System.nanoTime();
        return new StepStats(step + 1, epoch, sum.loss(), sum.samples(), sum.partitions(), end - start, sum.maxComputeNanos(), s.broadcastNanos(),
                end - update);
    }

    @Override
    long[] rngState(long nextStep) {
        return generator.getState();
    }

    @Override
    void restoreRng(long[] state, long nextStep) {
        generator.setState(state);
    }

    /**
     * A round's broadcast.
     *
     * @param weights      parameters then floating buffers ({@link ModelVector})
     * @param optimizer    the optimizer state every replica starts from
     * @param seed         this round's sampling seed
     * @param batchSize    the global batch size, shared out over the partitions by size
     * @param totalSamples the samples in all partitions
     * @param localSteps   optimizer steps per replica and round
     */
    record Input(float[] weights, OptimizerVector optimizer, long seed, int batchSize, int totalSamples, int localSteps) implements Serializable {}

    /** The executor side: one replica's local steps, returning its weights and optimizer state times its share. */
    static final class LocalStepsTask implements ShardTask {
        /** What every round's task needs besides the broadcast. */
        record Config(String runId, ModelFactory model, LossFunction loss, OptimizerFactory optimizer) implements Serializable {}

        private final Config config;
        private final Broadcast<Input> input;

        LocalStepsTask(Config config, Broadcast<Input> input) {
            this.config = config;
            this.input = input;
        }

        @Override
        public PartialSum compute(Shard shard) {
            Fetched<Input> fetched = fetch(input);
            Input in = fetched.value();
            int n = shard.size();
            if (n == 0) return PartialSum.empty();
            long start = System.nanoTime();
            return Replicas.using(config.runId(), config.model(), r -> {
                r.vector.load(in.weights());
                Optimizer opt = r.optimizer(config.optimizer());
                in.optimizer().restore(opt);
                int localBatch = (int) Math.clamp(Math.round((double) in.batchSize() * n / in.totalSamples()), 1, n);
                Generator gen = new Generator(in.seed() + 0x9E3779B97F4A7C15L * (shard.partition() + 1));
                double lossSum = 0;
                for (int k = 0; k < in.localSteps(); k++) {
                    opt.zeroGrad(true);
                    Tensor loss = r.loss(shard.rows(firstOfPermutation(gen, n, localBatch)), config.loss());
                    loss.backward();
                    opt.step();
                    lossSum += loss.item();
                }
                float share = (float) n / in.totalSamples();
                OptimizerVector state = OptimizerVector.capture(opt);
                float[] out = new float[r.vector.length() + state.values().length];
                r.vector.writeWeightedValues(out, share);
                state.writeWeighted(out, r.vector.length(), share);
                return PartialSum.of(out, state.layout(), share * lossSum / in.localSteps(), (long) in.localSteps() * localBatch,
                        System.nanoTime() - start, fetched.nanos());
            });
        }

        private static int[] firstOfPermutation(Generator gen, int n, int k) {
            long[] perm = Tensor.randperm(gen, n).toLongArray();
            int[] rows = new int[k];
            for (int i = 0; i < k; i++) rows[i] = (int) perm[i];
            return rows;
        }
    }
}
