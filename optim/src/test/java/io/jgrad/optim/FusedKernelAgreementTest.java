package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.kernels.DoubleOptimScalar;
import io.jgrad.core.kernels.DoubleOptimVector;
import io.jgrad.core.kernels.FloatOptimScalar;
import io.jgrad.core.kernels.FloatOptimVector;
import io.jgrad.core.kernels.OptimKernels.AdagradStep;
import io.jgrad.core.kernels.OptimKernels.AdamStep;
import io.jgrad.core.kernels.OptimKernels.RmspropStep;
import io.jgrad.core.kernels.OptimKernels.SgdStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD optimizer kernels against their scalar twins, bit for bit: awkward sizes (empty, below
 * one vector, tails of every kind), offset arrays, every option that changes the loop, float and double.
 */
class FusedKernelAgreementTest {
    static final int[] SIZES = {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 1023, 4097};

    /** One kernel call on arrays: p, g, then up to three state arrays (null = option off). */
    interface Call {
        void run(double[][] arrays, boolean vector);
    }

    record Case(String name, int stateArrays, Call f32, Call f64) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (SgdStep c : List.of(new SgdStep(1, 0, 0, 0, false, false, 0.1), new SgdStep(-1, 0.1, 0.9, 0.2, false, true, 0.05),
                new SgdStep(1, 0.1, 0.9, 0.2, false, false, 0.05), new SgdStep(1, 0, 0.8, 0, true, false, 0.05))) {
            cases.add(new Case("sgd " + c, c.momentum() != 0 ? 1 : 0,
                    (a, v) -> { float[][] f = floats(a); if (v) FloatOptimVector.sgd(f[0], 1, f[1], 2, f[2], 3, n(a), c); else FloatOptimScalar.sgd(f[0], 1, f[1], 2, f[2], 3, n(a), c); back(f, a); },
                    (a, v) -> { if (v) DoubleOptimVector.sgd(a[0], 1, a[1], 2, a[2], 3, n(a), c); else DoubleOptimScalar.sgd(a[0], 1, a[1], 2, a[2], 3, n(a), c); }));
        }
        for (AdamStep c : List.of(new AdamStep(1, 0, 1, 0.9, 0.999, 0.01, 0.05, 1e-8), new AdamStep(-1, 0.1, 1, 0.8, 0.9, 0.03, 0.4, 1e-6),
                new AdamStep(1, 0, 0.999, 0.9, 0.99, 0.02, 0.2, 1e-8))) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                cases.add(new Case("adam amsgrad=" + amsgrad + " " + c, amsgrad ? 3 : 2,
                        (a, v) -> { float[][] f = floats(a); if (v) FloatOptimVector.adam(f[0], 1, f[1], 2, f[2], f[3], f[4], 3, n(a), c); else FloatOptimScalar.adam(f[0], 1, f[1], 2, f[2], f[3], f[4], 3, n(a), c); back(f, a); },
                        (a, v) -> { if (v) DoubleOptimVector.adam(a[0], 1, a[1], 2, a[2], a[3], a[4], 3, n(a), c); else DoubleOptimScalar.adam(a[0], 1, a[1], 2, a[2], a[3], a[4], 3, n(a), c); }));
            }
        }
        for (boolean centered : new boolean[] {false, true}) {
            for (RmspropStep c : List.of(new RmspropStep(1, 0, 0.99, 1e-8, 0, 0.01), new RmspropStep(-1, 0.01, 0.9, 1e-8, 0.9, 0.01))) {
                // State arrays in order square_avg, grad_avg (centered), momentum buffer (momentum > 0).
                cases.add(new Case("rmsprop centered=" + centered + " " + c, 3,
                        (a, v) -> { float[][] f = floats(a); float[] ga = centered ? f[3] : null, buf = c.momentum() > 0 ? f[4] : null;
                            if (v) FloatOptimVector.rmsprop(f[0], 1, f[1], 2, f[2], ga, buf, 3, n(a), c); else FloatOptimScalar.rmsprop(f[0], 1, f[1], 2, f[2], ga, buf, 3, n(a), c); back(f, a); },
                        (a, v) -> { double[] ga = centered ? a[3] : null, buf = c.momentum() > 0 ? a[4] : null;
                            if (v) DoubleOptimVector.rmsprop(a[0], 1, a[1], 2, a[2], ga, buf, 3, n(a), c); else DoubleOptimScalar.rmsprop(a[0], 1, a[1], 2, a[2], ga, buf, 3, n(a), c); }));
            }
        }
        for (AdagradStep c : List.of(new AdagradStep(1, 0, 0.1, 1e-10), new AdagradStep(-1, 0.05, 0.07, 1e-6))) {
            cases.add(new Case("adagrad " + c, 1,
                    (a, v) -> { float[][] f = floats(a); if (v) FloatOptimVector.adagrad(f[0], 1, f[1], 2, f[2], 3, n(a), c); else FloatOptimScalar.adagrad(f[0], 1, f[1], 2, f[2], 3, n(a), c); back(f, a); },
                    (a, v) -> { if (v) DoubleOptimVector.adagrad(a[0], 1, a[1], 2, a[2], 3, n(a), c); else DoubleOptimScalar.adagrad(a[0], 1, a[1], 2, a[2], 3, n(a), c); }));
        }
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases) for (int n : SIZES) for (boolean f64 : new boolean[] {false, true}) out.add(Arguments.of(c, n, f64));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} f64={2}")
    @MethodSource("cases")
    void vectorEqualsScalar(Case c, int n, boolean f64) {
        double[][] simd = arrays(n, c.stateArrays(), new Random(n * 31L + c.name().hashCode()));
        double[][] scalar = Arrays.stream(simd).map(a -> a == null ? null : a.clone()).toArray(double[][]::new);
        for (int step = 0; step < 3; step++) {
            (f64 ? c.f64() : c.f32()).run(simd, true);
            (f64 ? c.f64() : c.f32()).run(scalar, false);
        }
        for (int i = 0; i < simd.length; i++) assertThat(simd[i]).as("array %d", i).isEqualTo(scalar[i]);
        if (n > 0) assertThat(simd[0]).as("the parameter moved").isNotEqualTo(arrays(n, c.stateArrays(), new Random(n * 31L + c.name().hashCode()))[0]);
    }

    /** p (offset 1), g (offset 2), then five state arrays (offset 3; the first stateArrays are non-negative, others null). */
    static double[][] arrays(int n, int stateArrays, Random r) {
        double[][] a = new double[5][];
        a[0] = new double[n + 1];
        a[1] = new double[n + 2];
        for (int i = 0; i < n; i++) {
            a[0][1 + i] = r.nextGaussian();
            a[1][2 + i] = r.nextGaussian();
        }
        for (int s = 0; s < 3; s++) {
            if (s >= stateArrays) continue;
            a[2 + s] = new double[n + 3];
            for (int i = 0; i < n; i++) a[2 + s][3 + i] = (float) Math.abs(r.nextGaussian() * 0.1); // float-exact, so both dtypes start alike
        }
        for (int i = 0; i < n; i++) {
            a[0][1 + i] = (float) a[0][1 + i];
            a[1][2 + i] = (float) a[1][2 + i];
        }
        return a;
    }

    static int n(double[][] a) {
        return a[0].length - 1;
    }

    static float[][] floats(double[][] a) {
        float[][] f = new float[a.length][];
        for (int k = 0; k < a.length; k++) {
            if (a[k] == null) continue;
            f[k] = new float[a[k].length];
            for (int i = 0; i < f[k].length; i++) f[k][i] = (float) a[k][i];
        }
        return f;
    }

    static void back(float[][] f, double[][] a) {
        for (int k = 0; k < a.length; k++) if (a[k] != null) for (int i = 0; i < f[k].length; i++) a[k][i] = f[k][i];
    }
}
