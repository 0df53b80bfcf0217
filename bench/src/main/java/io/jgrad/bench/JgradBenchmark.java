package io.jgrad.bench;

import io.jgrad.core.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every jgrad benchmark shares, so results stay comparable across benchmarks and versions:
 * average time per call, one fork with the Vector API module (the forked JVM does not inherit it
 * from a manifest), and a {@code threads} parameter applied through jgrad's own setting before
 * the trial. A new workload (Conv2dBench, TrainStepBench, ...) extends this class, adds its
 * {@code @Param}s and builds its inputs in its own {@code @Setup}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public abstract class JgradBenchmark {
    /** jgrad's intra-op thread count ({@link Tensor#setNumThreads}). */
    @Param({"1", "2"})
    public int threads;

    @Setup(Level.Trial)
    public void applyThreads() {
        Tensor.setNumThreads(threads);
    }
}
