package io.jgrad.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.jgrad.core.ops.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SIMD kernel against its scalar twin, on awkward sizes (tails of every length, one more
 * and one less than a vector), unit and broadcast strides, and values of both signs.
 */
class SimdScalarAgreementTest {
    static final int[] SIZES = {0, 1, 7, 15, 16, 17, 31, 33, 1023, 4097};

    /** Parameters that keep each parameterised op in its interesting range. */
    static double[] params(Op op) {
        return switch (op) {
            case CLAMP -> new double[] {-0.5, 0.75};
            case POW_SCALAR -> new double[] {2.5, 0};
            case LEAKY_RELU -> new double[] {0.1, 0};
            case ELU -> new double[] {1.3, 0};
            case SOFTPLUS -> new double[] {1.5, 3};
            default -> new double[] {0, 0};
        };
    }

    static Stream<Op> ops() {
        return Stream.of(Op.values());
    }

    static float[] floats(Random r, int n, boolean positive) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = positive ? 0.1f + 2.9f * r.nextFloat() : (float) (r.nextGaussian() * 2);
        return a;
    }

    static double[] doubles(Random r, int n, boolean positive) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = positive ? 0.1 + 2.9 * r.nextDouble() : r.nextGaussian() * 2;
        return a;
    }

    /** |actual - expected| <= rtol*|expected| + atol, with NaN matching NaN and infinities exact. */
    static void close(double actual, double expected, double rtol, double atol, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (actual == expected) return;
        if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol))
            fail(what + ": SIMD " + actual + " vs scalar " + expected);
    }

    /** Float kernels: a few ulps relative, plus 1e-6 absolute for functions that cancel near zero. */
    static void closeF(double actual, double expected, String what) {
        close(actual, expected, 4e-6, 1e-6, what);
    }

    static void closeD(double actual, double expected, String what) {
        close(actual, expected, 1e-13, 1e-15, what);
    }

    @ParameterizedTest
    @MethodSource("ops")
    void unaryFloatAndDouble(Op op) {
        Random r = new Random(op.ordinal());
        double[] p = params(op);
        for (boolean positive : new boolean[] {false, true}) {
            for (int n : SIZES) {
                float[] x = floats(r, n + 3, positive), ys = new float[n + 3], yv = new float[n + 3];
                boolean supported = true;
                try {
                    FloatElementwiseScalar.unary(op, x, 3, 1, ys, 3, 1, n, p[0], p[1]);
                } catch (UnsupportedOperationException e) {
                    supported = false;
                }
                if (!supported) {
                    assertThatThrownBy(() -> FloatElementwiseVector.unary(op, x, 3, 1, yv, 3, 1, n, p[0], p[1])).isInstanceOf(UnsupportedOperationException.class);
                    continue;
                }
                FloatElementwiseVector.unary(op, x, 3, 1, yv, 3, 1, n, p[0], p[1]);
                for (int i = 0; i < n + 3; i++) closeF(yv[i], ys[i], op + " float n=" + n + " i=" + i + " x=" + x[i]);

                double[] xd = doubles(r, n + 3, positive), ds = new double[n + 3], dv = new double[n + 3];
                DoubleElementwiseScalar.unary(op, xd, 3, 1, ds, 3, 1, n, p[0], p[1]);
                DoubleElementwiseVector.unary(op, xd, 3, 1, dv, 3, 1, n, p[0], p[1]);
                for (int i = 0; i < n + 3; i++) closeD(dv[i], ds[i], op + " double n=" + n + " i=" + i + " x=" + xd[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void binaryAndCompareWithBroadcastStrides(Op op) {
        Random r = new Random(100 + op.ordinal());
        int[][] strides = {{1, 1}, {1, 0}, {0, 1}, {2, 1}};
        for (int n : SIZES) {
            for (int[] st : strides) {
                float[] a = floats(r, 2 * n + 2, true), b = floats(r, 2 * n + 2, false);
                float[] ys = new float[n + 1], yv = new float[n + 1];
                boolean[] cs = new boolean[n + 1], cv = new boolean[n + 1];
                String what = op + " n=" + n + " strides=" + st[0] + "," + st[1];
                boolean binary = true, compare = true;
                try {
                    FloatElementwiseScalar.binary(op, a, 1, st[0], b, 1, st[1], ys, 1, 1, n);
                } catch (UnsupportedOperationException e) {
                    binary = false;
                }
                try {
                    FloatElementwiseScalar.compare(op, a, 1, st[0], b, 1, st[1], cs, 1, 1, n);
                } catch (UnsupportedOperationException e) {
                    compare = false;
                }
                if (binary) {
                    FloatElementwiseVector.binary(op, a, 1, st[0], b, 1, st[1], yv, 1, 1, n);
                    for (int i = 0; i <= n; i++) closeF(yv[i], ys[i], what + " i=" + i);
                    double[] da = doubles(r, 2 * n + 2, true), db = doubles(r, 2 * n + 2, false), dys = new double[n + 1], dyv = new double[n + 1];
                    DoubleElementwiseScalar.binary(op, da, 1, st[0], db, 1, st[1], dys, 1, 1, n);
                    DoubleElementwiseVector.binary(op, da, 1, st[0], db, 1, st[1], dyv, 1, 1, n);
                    for (int i = 0; i <= n; i++) closeD(dyv[i], dys[i], what + " double i=" + i);
                }
                if (compare) {
                    FloatElementwiseVector.compare(op, a, 1, st[0], b, 1, st[1], cv, 1, 1, n);
                    assertThat(cv).as(what).containsExactly(cs);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void longKernelsAgree(Op op) {
        Random r = new Random(200 + op.ordinal());
        for (int n : SIZES) {
            long[] a = new long[n], b = new long[n], ys = new long[n], yv = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(2001) - 1000;
                b[i] = r.nextInt(2001) - 1000;
            }
            try {
                LongElementwiseScalar.unary(op, a, 0, 1, ys, 0, 1, n, -5, 7);
            } catch (UnsupportedOperationException e) {
                continue;
            }
            LongElementwiseVector.unary(op, a, 0, 1, yv, 0, 1, n, -5, 7);
            assertThat(yv).as(op + " n=" + n).containsExactly(ys);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void reductionsAgree(int n) {
        Random r = new Random(n);
        float[] x = floats(r, n, false);
        double[] xd = doubles(r, n, false);
        closeF(FloatReduceVector.sum(x, 0, n), FloatReduceScalar.sum(x, 0, 1, n), "sum n=" + n);
        closeD(DoubleReduceVector.sum(xd, 0, n), DoubleReduceScalar.sum(xd, 0, 1, n), "sum double n=" + n);
        close(FloatReduceVector.max(x, 0, n), FloatReduceScalar.max(x, 0, 1, n), 0, 0, "max n=" + n);
        close(FloatReduceVector.min(x, 0, n), FloatReduceScalar.min(x, 0, 1, n), 0, 0, "min n=" + n);
        float[] small = new float[n];
        for (int i = 0; i < n; i++) small[i] = 0.999f + 0.002f * r.nextFloat();
        closeF(FloatReduceVector.prod(small, 0, n), FloatReduceScalar.prod(small, 0, 1, n), "prod n=" + n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void reductionsPropagateNaN(int n) {
        if (n == 0) return;
        float[] x = new float[n];
        x[n / 2] = Float.NaN;
        assertThat(FloatReduceVector.max(x, 0, n)).isNaN();
        assertThat(FloatReduceVector.min(x, 0, n)).isNaN();
        assertThat(FloatReduceVector.sum(x, 0, n)).isNaN();
    }

    static Stream<Integer> sizes() {
        return java.util.Arrays.stream(SIZES).boxed();
    }

    static Stream<int[]> gemmShapes() {
        List<int[]> s = new ArrayList<>();
        int[] dims = {1, 5, 6, 7, 17, 31, 33, 64, 130};
        for (int m : dims) for (int n : new int[] {1, 16, 33, 70}) for (int k : new int[] {1, 7, 257}) s.add(new int[] {m, n, k});
        s.add(new int[] {300, 300, 300});
        s.add(new int[] {64, 520, 40});  // wide: split across threads by columns
        return s.stream();
    }

    @ParameterizedTest
    @MethodSource("gemmShapes")
    void gemmAgreesWithScalarOnPlainAndTransposedOperands(int[] mnk) {
        int m = mnk[0], n = mnk[1], k = mnk[2];
        Random r = new Random(m * 31 + n * 7 + k);
        float[] a = floats(r, m * k, false), b = floats(r, k * n, false);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                // A is m x k: stored row-major (rs=k, cs=1) or as the transpose of a k x m (rs=1, cs=m).
                int ars = ta ? 1 : k, acs = ta ? m : 1, brs = tb ? 1 : n, bcs = tb ? k : 1;
                float[] cv = new float[m * n], cs = new float[m * n];
                java.util.Arrays.fill(cv, 1f);
                java.util.Arrays.fill(cs, 1f);
                FloatGemm.gemm(m, n, k, a, 0, ars, acs, b, 0, brs, bcs, cv, 0, n, true);
                FloatGemmScalar.gemm(m, n, k, a, 0, ars, acs, b, 0, brs, bcs, cs, 0, n, true);
                // Float accumulation error is bounded by k * eps * sum|a||b| (the scalar twin sums in double).
                float[] absA = abs(a), absB = abs(b), bound = new float[m * n];
                FloatGemmScalar.gemm(m, n, k, absA, 0, ars, acs, absB, 0, brs, bcs, bound, 0, n, false);
                for (int i = 0; i < m * n; i++)
                    close(cv[i], cs[i], 0, (k + 1) * 0x1p-24 * (bound[i] + 1), "gemm " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " i=" + i);
            }
        }
        double[] ad = doubles(r, m * k, false), bd = doubles(r, k * n, false), cv = new double[m * n], cs = new double[m * n];
        DoubleGemm.gemm(m, n, k, ad, 0, k, 1, bd, 0, 1, k, cv, 0, n, false);
        DoubleGemmScalar.gemm(m, n, k, ad, 0, k, 1, bd, 0, 1, k, cs, 0, n, false);
        for (int i = 0; i < m * n; i++) close(cv[i], cs[i], 0, (k + 1) * 0x1p-52 * k * 16, "dgemm " + m + "x" + n + "x" + k + " i=" + i);
    }

    static float[] abs(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = Math.abs(a[i]);
        return r;
    }
}
