package io.jgrad.bench;

import io.jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A benchmark of jgrad ops, run on 1 and 2 threads: the {@code threads} parameter is applied
 * through jgrad's own setting ({@link Tensor#setNumThreads}) before the trial. A new workload
 * (Conv2dBench, TrainStepBench, ...) extends this class, adds its {@code @Param}s and builds its
 * inputs in its own {@code @Setup}.
 */
public abstract class ThreadedBenchmark extends JgradBenchmark {
    /** jgrad's intra-op thread count. */
    @Param({"1", "2"})
    public int threads;

    @Setup(Level.Trial)
    public void applyThreads() {
        Tensor.setNumThreads(threads);
    }
}
