package io.jgrad.core.kernels;

import io.jgrad.core.DType;

/**
 * The per-dtype passes of batch, group and layer normalisation over a contiguous tensor seen as
 * rows of {@code len} elements: (n, c) planes for batch and group norm, the normalised trailing
 * block for layer norm. Statistics are accumulated per row in double and combined per group by the
 * caller; the elementwise passes take per-row coefficients. Every method covers rows [r0, r1).
 */
public interface NormKernels {
    /** sums[r] = sum of row r. */
    void rowSums(Object x, int xo, int len, double[] sums, int r0, int r1);

    /** sums[r] = sum over row r of (x - center[r])^2. */
    void rowSquaredDeviations(Object x, int xo, int len, double[] center, double[] sums, int r0, int r1);

    /** y = x * scale[r] + shift[r] along row r. */
    void rowAffine(Object x, int xo, int len, double[] scale, double[] shift, Object y, int r0, int r1);

    /** gSum[r] = sum of g and gxSum[r] = sum of g * x over row r. */
    void rowGradSums(Object g, int go, Object x, int xo, int len, double[] gSum, double[] gxSum, int r0, int r1);

    /** dx = g * a[r] + x * b[r] + c[r] along row r. */
    void rowGradInput(Object g, int go, Object x, int xo, int len, double[] a, double[] b, double[] c, Object dx, int r0, int r1);

    /** Layer norm: y[r, j] = (x[r, j] * scale[r] + shift[r]) * w[j] + b[j]. */
    void layerAffine(Object x, int xo, int len, double[] scale, double[] shift, Object w, int wo, Object b, int bo, Object y, int r0, int r1);

    /**
     * Layer norm backward sums: gwSum[r] = sum_j g w[j], gwxSum[r] = sum_j g w[j] x; and, per column,
     * dw[j] += g (x scale[r] + shift[r]) (g times the normalised input) and db[j] += g.
     */
    void layerGradSums(Object g, int go, Object x, int xo, int len, Object w, int wo, double[] scale, double[] shift,
                       double[] gwSum, double[] gwxSum, double[] dw, double[] db, int r0, int r1);

    /** Layer norm: dx[r, j] = g w[j] a[r] + x b[r] + c[r]. */
    void layerGradInput(Object g, int go, Object x, int xo, int len, Object w, int wo, double[] a, double[] b, double[] c, Object dx, int r0, int r1);

    /** The kernels of a floating dtype. */
    static NormKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FloatNormKernels.INSTANCE;
            case FLOAT64 -> DoubleNormKernels.INSTANCE;
            default -> throw new IllegalArgumentException("normalisation kernels exist for float32 and float64 only, not " + dtype);
        };
    }
}
