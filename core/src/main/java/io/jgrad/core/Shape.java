package io.jgrad.core;

import java.util.Arrays;

/**
 * Helpers for shapes ({@code int[]}): element counts, formatting for error messages, dim
 * normalisation with PyTorch's negative-dim rule, and NumPy/PyTorch broadcasting.
 */
public final class Shape {
    private Shape() {}

    /** Number of elements of a shape (1 for the 0-d shape {@code []}). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n > Integer.MAX_VALUE)
            throw new IllegalArgumentException("shape " + str(shape) + " has " + n + " elements; at most " + Integer.MAX_VALUE + " are supported");
        return (int) n;
    }

    /** Formats a shape like PyTorch's error messages: {@code [64, 784]}. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Checks that no size is negative. */
    public static int[] check(String op, int... shape) {
        for (int s : shape)
            if (s < 0) throw new IllegalArgumentException(op + ": negative size in shape " + str(shape));
        numel(shape);
        return shape.clone();
    }

    /**
     * Turns a possibly negative dim into an index in {@code [0, rank)}; a 0-d tensor accepts dims
     * 0 and -1, as in PyTorch.
     */
    public static int dim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r)
            throw new IllegalArgumentException(op + ": dim " + dim + " out of range for a tensor of " + rank + " dims");
        return dim < 0 ? dim + r : dim;
    }

    /** Normalises a list of dims, rejecting repeats. */
    public static int[] dims(String op, int[] dims, int rank) {
        int[] out = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            int d = dim(op, dims[i], rank);
            if (seen[d]) throw new IllegalArgumentException(op + ": dim " + d + " appears more than once in " + Arrays.toString(dims));
            seen[d] = true;
            out[i] = d;
        }
        return out;
    }

    /** The broadcast shape of two shapes, or an error naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1)
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (size " + da + " vs " + db + " at dim " + i + ")");
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** True if the two shapes are equal. */
    public static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }

    /** Row-major (C-order) strides of a shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** Resolves one {@code -1} in a requested shape against an element count. */
    public static int[] infer(String op, int[] shape, int numel) {
        int[] out = shape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException(op + ": only one dimension can be inferred in " + str(shape));
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + out[i] + " in shape " + str(shape));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0)
                throw new IllegalArgumentException(op + ": shape " + str(shape) + " is invalid for input of size " + numel);
            out[unknown] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + str(shape) + " is invalid for input of size " + numel);
        }
        return out;
    }
}
