package io.jgrad.bench;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One float32 op over a contiguous 1-d tensor, out of place as a user writes it ({@code a.add(b)},
 * {@code a.exp()}, ..., {@code a.sum()}): the output allocation is part of the cost.
 */
public class ElementwiseBench extends ThreadedBenchmark {
    @Param({"add", "mul", "exp", "tanh", "relu", "sigmoid", "sum"})
    public String op;

    @Param({"1000", "100000", "10000000"})
    public int size;

    private Tensor a, b;
    private Workloads.Elementwise body;

    @Setup(Level.Trial)
    public void makeOperands() {
        Generator gen = new Generator(0);
        a = Tensor.randn(gen, size);
        b = Tensor.randn(gen, size);
        body = Workloads.elementwise(op);
    }

    @Benchmark
    public Tensor run() {
        return body.apply(a, b);
    }
}
