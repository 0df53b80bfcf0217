package io.jgrad.spark;

import io.jgrad.core.Generator;
import io.jgrad.io.TrainingCheckpoint;
import io.jgrad.nn.Module;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.lr.LRScheduler;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data-parallel training of a jgrad model on Apache Spark. The data stays where Spark has it:
 * each partition is converted to tensors once and cached on its executor; the driver holds the
 * model and the optimizer and runs the training loop, one Spark job per step.
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder(
 *             () -> new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 10)),
 *             (out, y) -> F.crossEntropy(out, y),
 *             params -> new Adam(params, Map.of("lr", 1e-3)),
 *             SampleFormat.classification(784))
 *         .batchSize(256).epochs(5).seed(42)
 *         .checkpoints("hdfs:///user/me/run1", 100)   // every 100 steps; resumes from the newest
 *         .build();
 * Module trained = trainer.fit(samples);              // a JavaRDD<Sample>
 * }</pre>
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>synchronous</b> (the default): every step is the single-machine step on a global batch
 *       of {@code batchSize} samples, drawn from a seeded generator independently of the
 *       partitioning; partitions compute weighted gradients that are summed with
 *       {@code treeAggregate}, and the driver's optimizer applies them.
 *   <li><b>parameter averaging</b> ({@link Builder#parameterAveraging}): each round, every
 *       partition runs several local optimizer steps from the current weights, and the weights
 *       and optimizer state are averaged.
 * </ul>
 *
 * <p>A failed task is retried by Spark ({@code spark.task.maxFailures}) and recomputes exactly the
 * same contribution, so failures do not change the result. Models must be float32; the loss must
 * be a batch mean. See {@code docs/distributed.md}.
 */
public final class SparkTrainer {
    private final ModelFactory model;
    private final LossFunction loss;
    private final OptimizerFactory optimizer;
    private final Function<Optimizer, LRScheduler> scheduler;
    private final SampleFormat format;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final int localSteps;
    private final long maxSteps;
    private final String checkpointDir;
    private final long checkpointEvery;
    private final int keepCheckpoints;
    private final List<TrainingListener> listeners;

    private SparkTrainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.scheduler = b.scheduler;
        this.format = b.format;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.localSteps = b.localSteps;
        this.maxSteps = b.maxSteps;
        this.checkpointDir = b.checkpointDir;
        this.checkpointEvery = b.checkpointEvery;
        this.keepCheckpoints = b.keepCheckpoints;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A trainer of the models {@code model} builds, on samples shaped as {@code format}. */
    public static Builder builder(ModelFactory model, LossFunction loss, OptimizerFactory optimizer, SampleFormat format) {
        return new Builder(model, loss, optimizer, format);
    }

    /** Trains on a DataFrame's features and label columns (see {@link RowSamples}). */
    public Module fit(Dataset<Row> rows, String featuresColumn, String labelColumn) {
        return fit(RowSamples.from(rows, featuresColumn, labelColumn));
    }

    /**
     * Trains on {@code samples} and returns the trained model (the driver's copy). With
     * checkpoints configured and a checkpoint in the directory, continues from the newest one.
     * The RDD must be deterministic (recomputing a partition gives the same samples in the same
     * order), as Spark's fault tolerance requires anyway.
     */
    public Module fit(JavaRDD<Sample> samples) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(samples.context());
        Module net = model.get();
        ModelVector vector = ModelVector.of(net);
        Optimizer opt = optimizer.apply(vector.parameters());
        LRScheduler sched = scheduler == null ? null : scheduler.apply(opt);
        String runId = UUID.randomUUID().toString();
        try (ShardedData data = ShardedData.cache(samples, format)) {
            StepRunner runner = localSteps == 0
                    ? new SynchronousSteps(sc, data, vector, opt, batchSize, seed, new SynchronousSteps.GradientTask.Config(runId, model, loss))
                    : new AveragingRounds(sc, data, vector, opt, batchSize, localSteps, seed,
                            new AveragingRounds.LocalStepsTask.Config(runId, model, loss, optimizer));
            HadoopCheckpoints checkpoints = checkpointDir == null ? null : new HadoopCheckpoints(checkpointDir, sc.hadoopConfiguration(), keepCheckpoints);
            Run run = new Run(net, opt, sched, runner, checkpoints);
            train(run, checkpoints == null ? 0 : resume(run));
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: checkpoint I/O failed in " + checkpointDir + ": " + e.getMessage(), e);
        } catch (Exception e) { // a SparkException too: Scala code throws checked exceptions undeclared
            // Spark wraps what a task threw in a SparkException; bad input is reported as itself.
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException bad && c != e) throw new IllegalArgumentException(bad.getMessage(), e);
            }
            throw e;
        }
        return net;
    }

    /** What one {@link #fit} works on, on the driver; {@code scheduler} and {@code checkpoints} may be null. */
    private record Run(Module model, Optimizer optimizer, LRScheduler scheduler, StepRunner runner, HadoopCheckpoints checkpoints) {}

    private void train(Run run, long step) throws IOException {
        long perEpoch = run.runner().stepsPerEpoch();
        long last = Math.min(epochs * perEpoch, maxSteps); // perEpoch < 2^31, no overflow
        EpochStats epoch = null;
        while (step < last) {
            long e = step / perEpoch;
            if (epoch == null || epoch.epoch() != e) epoch = EpochStats.start(e);
            StepStats stats = run.runner().step(step, e);
            if (run.scheduler() != null) run.scheduler().step();
            step++;
            epoch = epoch.plus(stats);
            for (TrainingListener l : listeners) l.onStep(stats);
            if (step % perEpoch == 0) {
                for (TrainingListener l : listeners) l.onEpoch(epoch);
            }
            if (run.checkpoints() != null && (step % checkpointEvery == 0 || step == last)) {
                String path = run.checkpoints().save(step, step / perEpoch, run.model(), run.optimizer(), run.scheduler(), run.runner().rngState(step));
                for (TrainingListener l : listeners) l.onCheckpoint(step, path);
            }
        }
    }

    /** Restores the newest checkpoint, if any, and returns the step to continue from. */
    private long resume(Run run) throws IOException {
        Optional<String> latest = run.checkpoints().latest();
        if (latest.isEmpty()) return 0;
        TrainingCheckpoint checkpoint = run.checkpoints().load(latest.get());
        Generator rng = new Generator(0);
        checkpoint.restore(run.model(), run.optimizer(), run.scheduler(), rng);
        long step = checkpoint.step();
        run.runner().restoreRng(rng.getState(), step);
        for (TrainingListener l : listeners) l.onResume(step, latest.get());
        return step;
    }

    /** Configures a {@link SparkTrainer}; only the builder's arguments are required. */
    public static final class Builder {
        private final ModelFactory model;
        private final LossFunction loss;
        private final OptimizerFactory optimizer;
        private final SampleFormat format;
        private Function<Optimizer, LRScheduler> scheduler;
        private int batchSize = 64;
        private int epochs = 1;
        private long seed = 0;
        private int localSteps = 0;
        private long maxSteps = Long.MAX_VALUE;
        private String checkpointDir;
        private long checkpointEvery;
        private int keepCheckpoints = 3;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(ModelFactory model, LossFunction loss, OptimizerFactory optimizer, SampleFormat format) {
            this.model = requireSerializable(model, "model factory");
            this.loss = requireSerializable(loss, "loss function");
            this.optimizer = requireSerializable(optimizer, "optimizer factory");
            if (format == null) throw new IllegalArgumentException("SparkTrainer: the sample format must not be null");
            this.format = format;
        }

        /** The global batch: samples per optimizer step (synchronous) or per local step over all partitions (averaging). Default 64. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("SparkTrainer: batch size must be at least 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Passes over the data. Default 1. */
        public Builder epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("SparkTrainer: epochs must be at least 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        /** Seeds the sampling of batches (not the model's initialisation, which is the factory's). Default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Synchronous large-batch steps (the default). */
        public Builder synchronous() {
            this.localSteps = 0;
            return this;
        }

        /** Parameter averaging: {@code localSteps} optimizer steps per partition, then weights and optimizer state are averaged. */
        public Builder parameterAveraging(int localSteps) {
            if (localSteps < 1) throw new IllegalArgumentException("SparkTrainer: parameter averaging needs at least 1 local step, got " + localSteps);
            this.localSteps = localSteps;
            return this;
        }

        /** A learning-rate schedule over the driver's optimizer, stepped after every step (or round). */
        public Builder scheduler(Function<Optimizer, LRScheduler> scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Stops once {@code steps} steps are done in total (counting those before a resume), even mid-epoch. */
        public Builder stopAfter(long steps) {
            if (steps < 0) throw new IllegalArgumentException("SparkTrainer: stopAfter needs a non-negative step count, got " + steps);
            this.maxSteps = steps;
            return this;
        }

        /**
         * Writes a checkpoint every {@code everySteps} steps and after the last step into
         * {@code dir} (any Hadoop file system URI), and resumes from the newest checkpoint found there.
         */
        public Builder checkpoints(String dir, long everySteps) {
            if (dir == null || dir.isBlank()) throw new IllegalArgumentException("SparkTrainer: checkpoint directory must not be empty");
            if (everySteps < 1) throw new IllegalArgumentException("SparkTrainer: checkpoint interval must be at least 1 step, got " + everySteps);
            this.checkpointDir = dir;
            this.checkpointEvery = everySteps;
            return this;
        }

        /** How many of the newest checkpoints to keep. Default 3. */
        public Builder keepCheckpoints(int keep) {
            if (keep < 1) throw new IllegalArgumentException("SparkTrainer: keepCheckpoints must be at least 1, got " + keep);
            this.keepCheckpoints = keep;
            return this;
        }

        /** Adds a progress listener, e.g. {@link ConsoleProgress}. */
        public Builder listener(TrainingListener listener) {
            if (listener == null) throw new IllegalArgumentException("SparkTrainer: listener must not be null");
            listeners.add(listener);
            return this;
        }

        public SparkTrainer build() {
            return new SparkTrainer(this);
        }

        /** Fails now, naming the culprit, rather than with Spark's "Task not serializable" at the first step. */
        private static <T> T requireSerializable(T function, String what) {
            if (function == null) throw new IllegalArgumentException("SparkTrainer: the " + what + " must not be null");
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(function);
            } catch (NotSerializableException e) {
                throw new IllegalArgumentException("SparkTrainer: the " + what + " is not serializable: it refers to a " + e.getMessage()
                        + "; Spark ships it to the executors, so it may only capture serializable values", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return function;
        }
    }
}
