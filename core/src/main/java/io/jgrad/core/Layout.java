package io.jgrad.core;

import java.util.Arrays;

/**
 * How a tensor's elements sit in its storage: shape, strides (in elements) and offset.
 *
 * <p>Immutable. Every view op (transpose, permute, narrow, select, expand, ...) is a pure function
 * from one Layout to another; no data moves. Element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...}.
 */
public final class Layout {
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    private final int numel;
    private final boolean contiguous;

    /** Creates a layout; arrays are copied. */
    public Layout(int[] shape, int[] strides, int offset) {
        this(shape.clone(), strides.clone(), offset, true);
    }

    private Layout(int[] shape, int[] strides, int offset, boolean owned) {
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shape.numel(shape);
        this.contiguous = computeContiguous(shape, strides);
    }

    /** A row-major layout of the given shape at offset 0. */
    public static Layout contiguous(int... shape) {
        return new Layout(shape.clone(), Shape.contiguousStrides(shape), 0, true);
    }

    private static boolean computeContiguous(int[] shape, int[] strides) {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (shape[i] == 0) return true;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    /** Size of dim {@code d} (already normalised). */
    public int size(int d) {
        return shape[d];
    }

    /** Stride of dim {@code d} (already normalised). */
    public int stride(int d) {
        return strides[d];
    }

    public int offset() {
        return offset;
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return numel;
    }

    /** True if the elements are stored densely in row-major order starting at {@link #offset()}. */
    public boolean isContiguous() {
        return contiguous;
    }

    /** Storage index of a multi-index. */
    public int indexOf(int... idx) {
        int p = offset;
        for (int i = 0; i < idx.length; i++) p += idx[i] * strides[i];
        return p;
    }

    /** Storage index of the {@code linear}-th element in row-major order. */
    public int indexOfLinear(int linear) {
        if (contiguous) return offset + linear;
        int p = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            int s = shape[d];
            if (s == 0) return offset;
            p += (linear % s) * strides[d];
            linear /= s;
        }
        return p;
    }

    /** Dims reordered: result dim i is this dim {@code perm[i]} (perm already normalised). */
    public Layout permute(int[] perm) {
        int[] sh = new int[perm.length], st = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            sh[i] = shape[perm[i]];
            st[i] = strides[perm[i]];
        }
        return new Layout(sh, st, offset, true);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along {@code dim}. */
    public Layout slice(int dim, int start, int end, int step) {
        int[] sh = shape.clone(), st = strides.clone();
        int len = end <= start ? 0 : (end - start + step - 1) / step;
        sh[dim] = len;
        st[dim] = strides[dim] * step;
        return new Layout(sh, st, len == 0 && start >= shape[dim] ? offset : offset + start * strides[dim], true);
    }

    /** Fixes {@code dim} at {@code index}, removing it. */
    public Layout select(int dim, int index) {
        int[] sh = remove(shape, dim), st = remove(strides, dim);
        return new Layout(sh, st, offset + index * strides[dim], true);
    }

    /** Inserts a size-1 dim at position {@code dim} of the result. */
    public Layout unsqueeze(int dim) {
        int stride = dim < shape.length ? shape[dim] * strides[dim] : 1;
        return new Layout(insert(shape, dim, 1), insert(strides, dim, stride), offset, true);
    }

    /** Removes dim {@code dim}, which must have size 1. */
    public Layout squeeze(int dim) {
        return new Layout(remove(shape, dim), remove(strides, dim), offset, true);
    }

    /**
     * Broadcasts to {@code target} (size-1 dims and new leading dims get stride 0). The caller
     * has validated that the shapes are compatible.
     */
    public Layout expand(int[] target) {
        int n = target.length, lead = n - shape.length;
        int[] st = new int[n];
        for (int i = 0; i < n; i++) {
            if (i < lead) continue;
            int d = i - lead;
            st[i] = shape[d] == target[i] ? strides[d] : 0;
        }
        return new Layout(target.clone(), st, offset, true);
    }

    /** An arbitrary strided view of the same storage. */
    public Layout asStrided(int[] shape, int[] strides, int offset) {
        return new Layout(shape.clone(), strides.clone(), offset, true);
    }

    /**
     * The layout of {@code newShape} over the same elements without copying, or {@code null} when
     * the strides do not allow it (then reshape must copy). Follows PyTorch's stride computation:
     * each run of merged old dims must be contiguous within itself.
     */
    public Layout view(int[] newShape) {
        if (contiguous) return new Layout(newShape.clone(), Shape.contiguousStrides(newShape), offset, true);
        if (numel == 0) return new Layout(newShape.clone(), Shape.contiguousStrides(newShape), offset, true);
        int[] newStrides = new int[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            tensorNumel *= shape[d];
            if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0) {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) return null;
        return new Layout(newShape.clone(), newStrides, offset, true);
    }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }

    @Override
    public String toString() {
        return "Layout{shape=" + Arrays.toString(shape) + ", strides=" + Arrays.toString(strides) + ", offset=" + offset + "}";
    }
}
