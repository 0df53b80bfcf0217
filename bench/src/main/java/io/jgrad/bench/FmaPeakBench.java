package io.jgrad.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One core's float32 FMA peak as the JVM reaches it: 16 independent vector accumulators (more
 * than FMA latency x FMA ports on current x86), no memory traffic. bench/compare divides matmul
 * GFLOP/s by this to report "% of FMA peak". Every call does {@link #FLOPS_PER_CALL} flops
 * whatever the vector width, so the time per call alone gives the rate.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FmaPeakBench extends JgradBenchmark {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** 16 accumulators x lanes x 2 flops x steps; bench/compare relies on this constant. */
    public static final long FLOPS_PER_CALL = 10_240_000;
    static final int STEPS = (int) (FLOPS_PER_CALL / (16L * S.length() * 2));

    private float seed = 0.1f;

    @Benchmark
    public float fmaPeak() {
        FloatVector m = FloatVector.broadcast(S, 0.99999f), c = FloatVector.broadcast(S, 1e-5f);
        FloatVector a0 = FloatVector.broadcast(S, seed), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3);
        FloatVector a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7);
        FloatVector a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        FloatVector a12 = a0.add(12), a13 = a0.add(13), a14 = a0.add(14), a15 = a0.add(15);
        // acc = x*m + acc: the accumulator is the addend, as in a GEMM micro-kernel, so the FMA updates it in place.
        for (int i = 0; i < STEPS; i++) {
            a0 = c.fma(m, a0); a1 = c.fma(m, a1); a2 = c.fma(m, a2); a3 = c.fma(m, a3);
            a4 = c.fma(m, a4); a5 = c.fma(m, a5); a6 = c.fma(m, a6); a7 = c.fma(m, a7);
            a8 = c.fma(m, a8); a9 = c.fma(m, a9); a10 = c.fma(m, a10); a11 = c.fma(m, a11);
            a12 = c.fma(m, a12); a13 = c.fma(m, a13); a14 = c.fma(m, a14); a15 = c.fma(m, a15);
        }
        FloatVector s = a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7)))
                .add(a8.add(a9).add(a10.add(a11))).add(a12.add(a13).add(a14.add(a15)));
        return s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
