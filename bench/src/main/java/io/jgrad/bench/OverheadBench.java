package io.jgrad.bench;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fixed cost of one eager op: shape (4,) float32, so the arithmetic is negligible and what is
 * measured is tensor creation, dispatch, loop setup and the autograd check.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverheadBench extends ThreadedBenchmark {
    private Tensor a, b;

    @Setup(Level.Trial)
    public void makeOperands() {
        Generator gen = new Generator(0);
        a = Tensor.randn(gen, 4);
        b = Tensor.randn(gen, 4);
    }

    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    @Benchmark
    public Tensor relu() {
        return a.relu();
    }

    /** Leaves that require grad; setting them up needs the autograd module. */
    @State(Scope.Benchmark)
    public static class GradLeaves {
        Tensor a, b;

        @Setup(Level.Trial)
        public void makeLeaves() {
            Generator gen = new Generator(1);
            a = Tensor.randn(gen, 4);
            b = Tensor.randn(gen, 4);
            try {
                a.requiresGrad_(true);
                b.requiresGrad_(true);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("OverheadBench.mulSumBackward needs the autograd module (io.jgrad:jgrad-autograd) "
                        + "on the benchmark class path, and it is missing or not registered: " + e.getMessage(), e);
            }
        }
    }

    /** {@code (a*b).sum().backward()} with the leaves' grads reset first, like PyTorch's {@code grad = None}. */
    @Benchmark
    public Tensor mulSumBackward(GradLeaves g) {
        g.a.setGrad(null);
        g.b.setGrad(null);
        g.a.mul(g.b).sum().backward();
        return g.a.grad();
    }
}
