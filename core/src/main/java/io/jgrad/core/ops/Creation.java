package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.core.storage.Storage;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Factories: constant, range, identity, random and array-backed tensors. */
public final class Creation {
    private Creation() {}

    public static Tensor full(DType dtype, int[] shape, double value) {
        Tensor t = Tensor.empty(dtype, Shape.check("full", shape));
        if (value != 0) Kernels.of(dtype).fill(value, t.storage().array(), 0, 1, t.numel());
        return t;
    }

    public static Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0) throw new IllegalArgumentException("arange: step must be nonzero");
        if (!Double.isFinite(start) || !Double.isFinite(end)) throw new IllegalArgumentException("arange: start and end must be finite, got " + start + " and " + end);
        if ((step > 0 && end < start) || (step < 0 && end > start))
            throw new IllegalArgumentException("arange: upper bound and larger bound inconsistent with step sign (start " + start + ", end " + end + ", step " + step + ")");
        long n = (long) Math.ceil((end - start) / step);
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        Tensor t = Tensor.empty(dtype, (int) n);
        Storage s = t.storage();
        for (int i = 0; i < n; i++) s.setDouble(i, start + i * step);
        return t;
    }

    public static Tensor linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
        Tensor t = Tensor.empty(dtype, steps);
        Storage s = t.storage();
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        // Fill from both ends, as PyTorch does, so the last value is exactly `end`.
        int half = steps / 2;
        for (int i = 0; i < steps; i++) s.setDouble(i, i < half ? start + step * i : end - step * (steps - 1 - i));
        return t;
    }

    public static Tensor eye(int n, int m, DType dtype) {
        Tensor t = Tensor.empty(dtype, Shape.check("eye", n, m));
        for (int i = 0; i < Math.min(n, m); i++) t.storage().setDouble(i * m + i, 1);
        return t;
    }

    public static Tensor rand(Generator gen, DType dtype, int[] shape) {
        requireFloating("rand", dtype);
        return uniform_(Tensor.empty(dtype, Shape.check("rand", shape)), gen, 0, 1);
    }

    public static Tensor randn(Generator gen, DType dtype, int[] shape) {
        requireFloating("randn", dtype);
        return normal_(Tensor.empty(dtype, Shape.check("randn", shape)), gen, 0, 1);
    }

    public static Tensor randint(Generator gen, long low, long high, int[] shape) {
        if (high <= low) throw new IllegalArgumentException("randint: high (" + high + ") must be greater than low (" + low + ")");
        Tensor t = Tensor.empty(DType.INT64, Shape.check("randint", shape));
        long[] a = t.storage().longs();
        for (int i = 0; i < a.length; i++) a[i] = low + gen.nextLong(high - low);
        return t;
    }

    public static Tensor randperm(Generator gen, int n) {
        if (n < 0) throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
        long[] p = new long[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = (int) gen.nextLong(i + 1);
            long tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return Tensor.of(Storage.of(p), Layout.contiguous(n));
    }

    /** Fills {@code t} in place with uniform samples in [from, to). */
    public static Tensor uniform_(Tensor t, Generator gen, double from, double to) {
        requireFloating("uniform_", t.dtype());
        Tensor src = Tensor.empty(t.dtype(), t.shape());
        Storage s = src.storage();
        double span = to - from;
        if (t.dtype() == DType.FLOAT32) {
            float[] a = s.floats();
            for (int i = 0; i < a.length; i++) a[i] = (float) (from + span * gen.nextFloat());
        } else {
            double[] a = s.doubles();
            for (int i = 0; i < a.length; i++) a[i] = from + span * gen.nextDouble();
        }
        return Elementwise.overwrite(t, src);
    }

    /** Fills {@code t} in place with normal samples. */
    public static Tensor normal_(Tensor t, Generator gen, double mean, double std) {
        requireFloating("normal_", t.dtype());
        if (std < 0) throw new IllegalArgumentException("normal_: std must be non-negative, got " + std);
        Tensor src = Tensor.empty(t.dtype(), t.shape());
        Storage s = src.storage();
        for (int i = 0; i < s.length(); i++) s.setDouble(i, mean + std * gen.nextGaussian());
        return Elementwise.overwrite(t, src);
    }

    /** Wraps a storage of {@code length} elements with a contiguous layout of {@code shape}. */
    public static Tensor fromArray(Storage storage, int[] shape, int length) {
        Shape.check("tensor", shape);
        if (Shape.numel(shape) != length)
            throw new IllegalArgumentException("tensor: " + length + " values cannot fill shape " + Shape.str(shape) + " (" + Shape.numel(shape) + " elements)");
        return Tensor.of(storage, Layout.contiguous(shape));
    }

    /** Builds a tensor from a rectangular nested array of float, double, long, int or boolean. */
    public static Tensor fromNested(Object nested) {
        List<Integer> dims = new ArrayList<>();
        Object o = nested;
        Class<?> c = nested.getClass();
        while (c.isArray() && c.getComponentType().isArray()) {
            int len = Array.getLength(o);
            dims.add(len);
            if (len == 0) break;
            o = Array.get(o, 0);
            c = c.getComponentType();
        }
        if (!c.isArray()) throw new IllegalArgumentException("tensor: expected a Java array, got " + nested.getClass().getSimpleName());
        dims.add(o.getClass().isArray() ? Array.getLength(o) : 0);
        Class<?> leaf = c.getComponentType();
        while (leaf.isArray()) leaf = leaf.getComponentType();
        DType dtype;
        if (leaf == float.class) dtype = DType.FLOAT32;
        else if (leaf == double.class) dtype = DType.FLOAT64;
        else if (leaf == long.class || leaf == int.class) dtype = DType.INT64;
        else if (leaf == boolean.class) dtype = DType.BOOL;
        else throw new IllegalArgumentException("tensor: unsupported element type " + leaf.getSimpleName());
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        Tensor t = Tensor.empty(dtype, shape);
        int[] pos = {0};
        copyNested(nested, shape, 0, t.storage(), pos);
        return t;
    }

    private static void copyNested(Object a, int[] shape, int d, Storage s, int[] pos) {
        int len = Array.getLength(a);
        if (len != shape[d]) throw new IllegalArgumentException("tensor: ragged nested array (expected length " + shape[d] + " at depth " + d + ", got " + len + ")");
        if (d == shape.length - 1) {
            for (int i = 0; i < len; i++) {
                Object v = Array.get(a, i);
                if (v instanceof Boolean b) s.setDouble(pos[0]++, b ? 1 : 0);
                else if (v instanceof Long || v instanceof Integer) s.setLong(pos[0]++, ((Number) v).longValue());
                else s.setDouble(pos[0]++, ((Number) v).doubleValue());
            }
        } else {
            for (int i = 0; i < len; i++) copyNested(Array.get(a, i), shape, d + 1, s, pos);
        }
    }

    /** A nested Java array (float[][]..., or a boxed value for 0-d) holding t's elements. */
    public static Object toNested(Tensor t) {
        Tensor c = t.detach().contiguous();
        Object flat = switch (c.dtype()) {
            case FLOAT32 -> c.toFloatArray();
            case FLOAT64 -> c.toDoubleArray();
            case INT64 -> c.toLongArray();
            case BOOL -> c.toBooleanArray();
        };
        int[] shape = c.shape();
        if (shape.length == 0) return Array.get(flat, 0);
        return nest(flat, shape, 0, 0);
    }

    private static Object nest(Object flat, int[] shape, int dim, int offset) {
        if (dim == shape.length - 1) {
            Object row = Array.newInstance(flat.getClass().getComponentType(), shape[dim]);
            System.arraycopy(flat, offset, row, 0, shape[dim]);
            return row;
        }
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        Class<?> leaf = flat.getClass().getComponentType();
        int[] dims = new int[shape.length - dim];
        dims[0] = shape[dim];
        Object out = Array.newInstance(leaf, java.util.Arrays.copyOf(dims, shape.length - dim));
        for (int i = 0; i < shape[dim]; i++) Array.set(out, i, nest(flat, shape, dim + 1, offset + i * stride));
        return out;
    }

    static void requireFloating(String op, DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException(op + ": expected a floating dtype, got " + dtype);
    }
}
