package io.jgrad.nn;

import static io.jgrad.nn.Checks.close;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Parallel;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs large enough to be split across threads give the same results (up to float32 summation
 * order) as on one thread: per-thread weight-gradient and layer-norm buffers, and plane, row and
 * batch splits.
 */
class ThreadingTest {
    final int saved = Parallel.getNumThreads();

    @AfterEach
    void restore() {
        Parallel.setNumThreads(saved);
    }

    @Test
    void splitWorkMatchesOneThread() {
        Generator gen = new Generator(23);
        Tensor x = Tensor.randn(gen, 8, 3, 32, 32), w = Tensor.randn(gen, 16, 3, 3, 3), b = Tensor.randn(gen, 16);
        Tensor big = Tensor.randn(gen, 16, 16, 32, 32), ln = Tensor.randn(gen, 2048, 96), lw = Tensor.randn(gen, 96);
        List<Function<List<Tensor>, Tensor>> ops = List.of(
                a -> F.conv2d(a.get(0), a.get(1), a.get(2), new int[] {1}, new int[] {1}, new int[] {1}, 1),
                a -> F.convTranspose2d(a.get(0), a.get(1).transpose(0, 1), null, new int[] {2}, new int[] {1}, new int[] {1}, 1, new int[] {1}),
                a -> F.maxPool2d(a.get(5), 2),
                a -> F.avgPool2d(a.get(5), new int[] {3}, new int[] {2}, new int[] {1}, true, false),
                a -> F.interpolate(a.get(5), null, new double[] {2}, "bilinear", false),
                a -> F.batchNorm(a.get(5), null, null, a.get(2), null, true, 0.1, 1e-5),
                a -> F.groupNorm(a.get(5), 4, null, null, 1e-5),
                a -> F.layerNorm(a.get(3), new int[] {96}, a.get(4), null, 1e-5));
        for (int i = 0; i < ops.size(); i++) {
            List<Tensor> one = run(ops.get(i), 1, x, w, b, ln, lw, big), two = run(ops.get(i), 2, x, w, b, ln, lw, big);
            for (int j = 0; j < one.size(); j++) {
                try {
                    close(two.get(j), one.get(j), 1e-4);
                } catch (AssertionError e) {
                    throw new AssertionError("op " + i + ", result " + j + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The op's output and the gradients of all inputs, on the given number of threads. */
    private static List<Tensor> run(Function<List<Tensor>, Tensor> op, int threads, Tensor... inputs) {
        Parallel.setNumThreads(threads);
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor t : inputs) leaves.add(t.detach().clone().requiresGrad_(true));
        Tensor y = op.apply(leaves);
        Tensor g = Tensor.randn(new Generator(1), DType.FLOAT32, y.shape());
        List<Tensor> grads = Autograd.grad(List.of(y), leaves, List.of(g), false, false, true);
        List<Tensor> out = new ArrayList<>(List.of(y.detach()));
        for (Tensor gr : grads) if (gr != null) out.add(gr);
        return out;
    }
}
