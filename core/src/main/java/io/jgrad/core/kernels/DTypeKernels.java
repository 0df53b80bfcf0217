package io.jgrad.core.kernels;

import io.jgrad.core.ops.Op;

/**
 * The kernels of one dtype, over raw arrays passed as {@code Object} (a {@code float[]} for
 * float32, ...). Op code picks the instance once per call with {@link Kernels#of} and stays free
 * of dtype switches; the generated implementations cast once and run a per-op loop. Every method
 * takes an offset and a stride per operand and handles {@code n} elements.
 */
public interface DTypeKernels {
    /** y = op(x) with parameters p1, p2 (see the op table). */
    void unary(Op op, Object x, int xo, int xs, Object y, int yo, int ys, int n, double p1, double p2);

    /** y = op(a, b). */
    void binary(Op op, Object a, int ao, int as, Object b, int bo, int bs, Object y, int yo, int ys, int n);

    /** y = op(a, b) for a comparison op, into a boolean array. */
    void compare(Op op, Object a, int ao, int as, Object b, int bo, int bs, boolean[] y, int yo, int ys, int n);

    /** y = c ? a : b. */
    void where(boolean[] c, int co, int cs, Object a, int ao, int as, Object b, int bo, int bs, Object y, int yo, int ys, int n);

    /** y = x. */
    void copy(Object x, int xo, int xs, Object y, int yo, int ys, int n);

    /** y = value (converted to the dtype). */
    void fill(double value, Object y, int yo, int ys, int n);

    /** y[yo] = the SUM, PROD, AMAX or AMIN of n elements of x. */
    void reduce(Op op, Object x, int xo, int xs, int n, Object y, int yo);

    /**
     * Two contiguous runs of n elements at once: y[ya] = reduce of x[xa..], y[yb] = reduce of x[xb..],
     * each exactly what {@link #reduce} gives. A kernel may read both runs together: two far-apart
     * streams draw more memory bandwidth from one core than one stream does.
     */
    default void reducePair(Op op, Object x, int xa, int xb, int n, Object y, int ya, int yb) {
        reduce(op, x, xa, 1, n, y, ya);
        reduce(op, x, xb, 1, n, y, yb);
    }
}
