package io.jgrad.spark;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvOptions;
import io.jgrad.nn.F;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Measures synchronous step times for docs/distributed.md (not a unit test; run by hand):
 *
 * <pre>
 * java [Spark's JDK 25 flags] -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     io.jgrad.spark.StepTimingHarness linear|mlp|cnn single|local|cluster BATCH STEPS [LOCAL_STEPS]
 * </pre>
 *
 * Inputs are random tensors of Fashion-MNIST's shape with random labels: step time does not
 * depend on the values. Prints the median step time and the median of each part; with
 * LOCAL_STEPS, a step is a parameter-averaging round of that many local steps.
 */
public final class StepTimingHarness {
    private static final int SAMPLES = 4096;
    private static final OptimizerFactory SGD_MOMENTUM = p -> new SGD(p, Map.of("lr", 0.01, "momentum", 0.9));

    public static void main(String[] args) {
        String model = args[0], where = args[1];
        int batch = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]), warmup = Math.max(3, steps / 4);
        int localSteps = args.length > 4 ? Integer.parseInt(args[4]) : 0; // > 0: parameter averaging
        ModelFactory factory = switch (model) {
            case "linear" -> () -> new Linear(784, 10); // tiny: shows the fixed cost of a Spark step
            case "mlp" -> StepTimingHarness::mlp;
            default -> StepTimingHarness::fashionCnn;
        };
        SampleFormat format = model.equals("cnn") ? SampleFormat.classification(1, 28, 28) : SampleFormat.classification(784);
        int params = factory.get().parameters().stream().mapToInt(Tensor::numel).sum();
        System.out.printf(Locale.ROOT, "%s (%d parameters, %.2f MB), batch %d, %s%n", model, params, params * 4 / 1e6, batch, where);
        if (where.equals("single")) {
            single(factory, format, batch, warmup, steps);
            return;
        }
        List<StepStats> stats = new ArrayList<>();
        try (JavaSparkContext sc = where.equals("cluster") ? SparkContexts.localCluster(1) : SparkContexts.local(2, 1)) {
            List<Sample> data = randomSamples(format);
            SparkTrainer.Builder builder = SparkTrainer.builder(factory, (out, y) -> F.crossEntropy(out, y), SGD_MOMENTUM, format);
            if (localSteps > 0) builder.parameterAveraging(localSteps);
            builder.batchSize(batch).epochs(1000).stopAfter(warmup + steps).seed(1)
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(StepStats s) {
                            stats.add(s);
                        }
                    })
                    .build().fit(sc.parallelize(data, 2));
        }
        List<StepStats> measured = stats.subList(warmup, stats.size());
        System.out.printf(Locale.ROOT, "step %.1f ms (min %.1f) = compute %.1f + broadcast %.1f + aggregate %.1f + update %.1f; %.0f samples/s (medians over %d steps)%n",
                median(measured, StepStats::stepNanos), measured.stream().mapToLong(StepStats::stepNanos).min().orElseThrow() / 1e6,
                median(measured, StepStats::computeNanos), median(measured, StepStats::broadcastNanos), median(measured, StepStats::aggregateNanos),
                median(measured, StepStats::updateNanos), measured.stream().mapToDouble(StepStats::samplesPerSecond).sorted().skip(measured.size() / 2).findFirst().orElseThrow(),
                measured.size());
    }

    /** Single-machine jgrad: forward, backward and optimizer step on the whole batch. */
    private static void single(ModelFactory factory, SampleFormat format, int batch, int warmup, int steps) {
        Module m = factory.get();
        Optimizer opt = SGD_MOMENTUM.apply(m.parameters());
        Shard data = Shard.of(0, randomSamples(format).iterator(), format);
        GlobalBatches batches = new GlobalBatches(SAMPLES, batch, 1);
        long[] times = new long[steps];
        for (int s = 0; s < warmup + steps; s++) {
            Shard.Batch b = data.rows(batches.batch(s));
            long t = System.nanoTime();
            opt.zeroGrad();
            F.crossEntropy(m.forward(b.inputs()), b.targets()).backward();
            opt.step();
            if (s >= warmup) times[s - warmup] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "step %.1f ms (min %.1f); %.0f samples/s (median over %d steps)%n", times[steps / 2] / 1e6, times[0] / 1e6,
                batch * 1e9 / times[steps / 2], steps);
    }

    private static double median(List<StepStats> stats, ToLongFunction<StepStats> part) {
        long[] v = stats.stream().mapToLong(part).sorted().toArray();
        return v[v.length / 2] / 1e6;
    }

    private static List<Sample> randomSamples(SampleFormat format) {
        Generator g = new Generator(42);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            float[] x = new float[format.featureSize()];
            for (int j = 0; j < x.length; j++) x[j] = g.nextFloat();
            out.add(Sample.of(x, (int) g.nextLong(10)));
        }
        return out;
    }

    /** MLP 784-256-128-10. */
    static Module mlp() {
        return new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
    }

    /** The fashion-cnn of the io module's pretrained model. */
    static Module fashionCnn() {
        ConvOptions same = ConvOptions.defaults().padding(1);
        return new Sequential(new Conv2d(1, 32, new int[] {3, 3}, same), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, new int[] {3, 3}, same), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(3136, 128), new ReLU(), new Linear(128, 10));
    }
}
