package io.jgrad.bench;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Square n x n x n matrix multiply, {@code a.matmul(b)}; 2n³ flops per call. */
public class MatmulBench extends ThreadedBenchmark {
    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    @Param({"float32", "float64"})
    public String dtype;

    private Tensor a, b;

    @Setup(Level.Trial)
    public void makeOperands() {
        Generator gen = new Generator(0);
        DType dt = Workloads.dtype(dtype);
        a = Tensor.randn(gen, dt, n, n);
        b = Tensor.randn(gen, dt, n, n);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }
}
