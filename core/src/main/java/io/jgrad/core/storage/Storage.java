package io.jgrad.core.storage;

import io.jgrad.core.DType;

/**
 * The memory behind one or more tensors: a flat Java array of one dtype ({@code float[]},
 * {@code double[]}, {@code long[]} or {@code boolean[]}) plus a version counter.
 *
 * <p>Views share a Storage and differ only in their layout. Every in-place write bumps the
 * version, so a consumer that remembered an older version (autograd's saved tensors) can tell
 * that the data it depends on has changed.
 */
public final class Storage {
    private final DType dtype;
    private final Object array;
    private final int length;
    private int version;

    private Storage(DType dtype, Object array, int length) {
        this.dtype = dtype;
        this.array = array;
        this.length = length;
    }

    /** A zero-filled storage of {@code length} elements. */
    public static Storage allocate(DType dtype, int length) {
        if (length < 0) throw new IllegalArgumentException("storage: negative length " + length);
        Object array = switch (dtype) {
            case FLOAT32 -> new float[length];
            case FLOAT64 -> new double[length];
            case INT64 -> new long[length];
            case BOOL -> new boolean[length];
        };
        return new Storage(dtype, array, length);
    }

    /** Wraps (does not copy) a float array. */
    public static Storage of(float[] a) {
        return new Storage(DType.FLOAT32, a, a.length);
    }

    /** Wraps (does not copy) a double array. */
    public static Storage of(double[] a) {
        return new Storage(DType.FLOAT64, a, a.length);
    }

    /** Wraps (does not copy) a long array. */
    public static Storage of(long[] a) {
        return new Storage(DType.INT64, a, a.length);
    }

    /** Wraps (does not copy) a boolean array. */
    public static Storage of(boolean[] a) {
        return new Storage(DType.BOOL, a, a.length);
    }

    public DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /** The backing array; its type matches {@link #dtype()}. */
    public Object array() {
        return array;
    }

    public float[] floats() {
        return (float[]) array;
    }

    public double[] doubles() {
        return (double[]) array;
    }

    public long[] longs() {
        return (long[]) array;
    }

    public boolean[] bools() {
        return (boolean[]) array;
    }

    /** Reads element {@code i} widened to double (bool reads as 0 or 1). */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> ((float[]) array)[i];
            case FLOAT64 -> ((double[]) array)[i];
            case INT64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Reads element {@code i} as long (floats truncate toward zero, as a cast). */
    public long getLong(int i) {
        return switch (dtype) {
            case FLOAT32 -> (long) ((float[]) array)[i];
            case FLOAT64 -> (long) ((double[]) array)[i];
            case INT64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Writes element {@code i} from a double, converting like a cast to this dtype. */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) array)[i] = (float) v;
            case FLOAT64 -> ((double[]) array)[i] = v;
            case INT64 -> ((long[]) array)[i] = (long) v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }

    /** Writes element {@code i} from a long, converting like a cast to this dtype. */
    public void setLong(int i, long v) {
        switch (dtype) {
            case FLOAT32 -> ((float[]) array)[i] = v;
            case FLOAT64 -> ((double[]) array)[i] = v;
            case INT64 -> ((long[]) array)[i] = v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }

    /** The current version; it grows with every in-place write. */
    public int version() {
        return version;
    }

    /** Records an in-place write. */
    public void bumpVersion() {
        version++;
    }
}
