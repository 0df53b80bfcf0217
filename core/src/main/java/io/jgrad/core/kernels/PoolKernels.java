package io.jgrad.core.kernels;

import io.jgrad.core.DType;

/**
 * The per-dtype loops of pooling and resampling. Tensors are contiguous; a "plane" is one (n, c)
 * image. Every method handles a range of planes (or outer rows) so callers split work across
 * threads without any per-element call.
 */
public interface PoolKernels {
    /**
     * Max pooling of planes [p0, p1): the maximum over each window (padding never wins; a NaN
     * does, as in PyTorch) and its flat index {@code h * W + w} within the input plane.
     */
    void maxPool(Object x, int xo, Window h, Window w, Object y, int[] indices, int p0, int p1);

    /** y[p * outPlane + j] = x[xo + p * inPlane + indices[p * outPlane + j]] for planes [p0, p1). */
    void gather(Object x, int xo, int inPlane, int[] indices, int outPlane, Object y, int p0, int p1);

    /** x[p * inPlane + indices[p * outPlane + j]] += g[go + p * outPlane + j] for planes [p0, p1). */
    void scatterAdd(Object g, int go, int outPlane, int[] indices, Object x, int inPlane, int p0, int p1);

    /**
     * Applies {@code map} along the middle axis of x viewed as (outer, map.in, inner), writing y
     * (outer, map.out, inner), for outer rows [a0, a1).
     */
    void resample(Object x, int xo, int inner, AxisMap map, Object y, int a0, int a1);

    /** The transpose: adds map^T · g into x (outer, map.in, inner) from g (outer, map.out, inner). */
    void resampleAdjoint(Object g, int go, int inner, AxisMap map, Object x, int a0, int a1);

    /** The kernels of a floating dtype. */
    static PoolKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FloatPoolKernels.INSTANCE;
            case FLOAT64 -> DoublePoolKernels.INSTANCE;
            default -> throw new IllegalArgumentException("pooling kernels exist for float32 and float64 only, not " + dtype);
        };
    }
}
