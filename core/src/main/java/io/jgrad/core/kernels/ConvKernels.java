package io.jgrad.core.kernels;

import io.jgrad.core.DType;

/**
 * The per-dtype pieces convolution is built from: im2col / col2im (unfolding the image into the
 * columns a GEMM multiplies, and folding them back) and the packed SIMD GEMM. Arrays are passed as
 * {@code Object} (a {@code float[]} for float32, ...) so the convolution driver is written once;
 * each method works on whole planes, never one element per call.
 *
 * <p>Column layout: row {@code (c * kh + i) * kw + j} (channel c, kernel tap i, j), column
 * {@code oy * ow + ox} (output position), i.e. {@code cols[(c kh kw) x (oh ow)]}.
 */
public interface ConvKernels {
    /** A zeroed array of n elements of the dtype. */
    Object alloc(int n);

    /** See {@link FloatGemm#gemm}; SIMD or scalar as {@link Kernels#SIMD} says. */
    void gemm(int m, int n, int k, Object a, int ao, int ars, int acs, Object b, int bo, int brs, int bcs,
              Object c, int co, int ldc, boolean accumulate);

    /** Unfolds {@code channels} planes of the image starting at {@code xo} into {@code cols} (overwritten). */
    void im2col(Object image, int xo, int channels, Window h, Window w, Object cols);

    /** Folds {@code cols} back, adding every column entry into the image position it was read from. */
    void col2im(Object cols, int channels, Window h, Window w, Object image, int xo);

    /** y[yo + r * len + j] = values[vo + r] for r &lt; rows, j &lt; len (a bias broadcast over planes). */
    void fillRows(Object y, int yo, int rows, int len, Object values, int vo);

    /** dst[dOff + i * cols + j] += src[so + i * srs + j * scs] for i &lt; rows, j &lt; cols (src may be a transposed view). */
    void addInto(Object src, int so, int srs, int scs, Object dst, int dOff, int rows, int cols);

    /** The kernels of a floating dtype. */
    static ConvKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FloatConvKernels.INSTANCE;
            case FLOAT64 -> DoubleConvKernels.INSTANCE;
            default -> throw new IllegalArgumentException("convolution kernels exist for float32 and float64 only, not " + dtype);
        };
    }
}
