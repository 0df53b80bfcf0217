package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.F;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/** The small task the tests train on, and single-machine jgrad training to compare against. */
final class TestTasks {
    private TestTasks() {}

    static final SampleFormat SPIRAL_FORMAT = SampleFormat.classification(2);
    static final LossFunction CROSS_ENTROPY = (out, y) -> F.crossEntropy(out, y);

    /**
     * Three interleaved spiral arms in the plane, one class each, with Gaussian noise: not
     * linearly separable, so a model has to learn curved boundaries.
     */
    static List<Sample> spirals(int perClass, long seed) {
        Generator g = new Generator(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < 3; c++) {
                double r = (i + 1.0) / perClass;
                double angle = c * 2 * Math.PI / 3 + 3.5 * r + 0.15 * g.nextGaussian();
                out.add(Sample.of(new float[] {(float) (r * Math.cos(angle)), (float) (r * Math.sin(angle))}, c));
            }
        }
        return out;
    }

    /** An MLP {@code 2 -> hidden -> hidden -> 3} whose initial weights depend only on {@code seed}. */
    static ModelFactory mlp(int hidden, long seed) {
        return () -> {
            Generator g = new Generator(seed);
            Linear a = new Linear(2, hidden), b = new Linear(hidden, hidden), c = new Linear(hidden, 3);
            for (Linear l : List.of(a, b, c)) l.resetParameters(g);
            return new Sequential(a, new ReLU(), b, new ReLU(), c);
        };
    }

    /** Plain jgrad training on one machine, on the same global batches the synchronous trainer draws. */
    static Module trainLocally(ModelFactory factory, LossFunction loss, OptimizerFactory optimizer, List<Sample> data, int batchSize, long seed,
            long steps) {
        Module model = factory.get();
        Optimizer opt = optimizer.apply(model.parameters());
        Shard all = Shard.of(0, data.iterator(), SPIRAL_FORMAT);
        GlobalBatches batches = new GlobalBatches(data.size(), batchSize, seed);
        for (long s = 0; s < steps; s++) {
            Shard.Batch b = all.rows(batches.batch(s));
            opt.zeroGrad();
            loss.apply(model.forward(b.inputs()), b.targets()).backward();
            opt.step();
        }
        return model;
    }

    /** The fraction of {@code data} that {@code model} classifies right. */
    static double accuracy(Module model, List<Sample> data) {
        Shard all = Shard.of(0, data.iterator(), SPIRAL_FORMAT);
        Tensor predicted = model.forward(all.features()).argmax(1, false);
        long[] p = predicted.toLongArray(), y = all.targets().toLongArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) right += p[i] == y[i] ? 1 : 0;
        return (double) right / p.length;
    }

    /** Every parameter of {@code actual} equals {@code expected}'s within {@code tol * (1 + |expected|)}. */
    static void assertSameParameters(Module actual, Module expected, double tol) {
        List<Tensor> a = actual.parameters(), e = expected.parameters();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).toFloatArray(), y = e.get(i).toFloatArray();
            assertThat(x).hasSameSizeAs(y);
            for (int j = 0; j < x.length; j++) {
                double bound = tol * (1 + Math.abs(y[j]));
                if (Math.abs(x[j] - y[j]) > bound)
                    throw new AssertionError("parameter " + i + " element " + j + ": " + x[j] + " vs " + y[j] + " (tolerance " + bound + ")");
            }
        }
    }

    /** Every parameter of {@code actual} equals {@code expected}'s bit for bit. */
    static void assertIdenticalParameters(Module actual, Module expected) {
        List<Tensor> a = actual.parameters(), e = expected.parameters();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) assertThat(a.get(i).toFloatArray()).as("parameter %d", i).containsExactly(e.get(i).toFloatArray());
    }
}
