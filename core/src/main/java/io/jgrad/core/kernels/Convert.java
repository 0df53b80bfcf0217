package io.jgrad.core.kernels;

import io.jgrad.core.DType;

/**
 * Strided copies between dtypes, with C/PyTorch cast semantics: floats to int64 truncate toward
 * zero, any nonzero value becomes true, true becomes 1. One loop per (source, target) pair keeps
 * the conversion out of the inner loop.
 */
public final class Convert {
    private Convert() {}

    public static void copy(DType from, Object x, int xo, int xs, DType to, Object y, int yo, int ys, int n) {
        switch (to) {
            case FLOAT32 -> {
                float[] out = (float[]) y;
                switch (from) {
                    case FLOAT64 -> { double[] a = (double[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = (float) a[xo + i * xs]; }
                    case INT64 -> { long[] a = (long[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs]; }
                    case BOOL -> { boolean[] a = (boolean[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] ? 1 : 0; }
                    case FLOAT32 -> Kernels.of(to).copy(x, xo, xs, y, yo, ys, n);
                }
            }
            case FLOAT64 -> {
                double[] out = (double[]) y;
                switch (from) {
                    case FLOAT32 -> { float[] a = (float[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs]; }
                    case INT64 -> { long[] a = (long[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs]; }
                    case BOOL -> { boolean[] a = (boolean[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] ? 1 : 0; }
                    case FLOAT64 -> Kernels.of(to).copy(x, xo, xs, y, yo, ys, n);
                }
            }
            case INT64 -> {
                long[] out = (long[]) y;
                switch (from) {
                    case FLOAT32 -> { float[] a = (float[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = (long) a[xo + i * xs]; }
                    case FLOAT64 -> { double[] a = (double[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = (long) a[xo + i * xs]; }
                    case BOOL -> { boolean[] a = (boolean[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] ? 1 : 0; }
                    case INT64 -> Kernels.of(to).copy(x, xo, xs, y, yo, ys, n);
                }
            }
            case BOOL -> {
                boolean[] out = (boolean[]) y;
                switch (from) {
                    case FLOAT32 -> { float[] a = (float[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] != 0; }
                    case FLOAT64 -> { double[] a = (double[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] != 0; }
                    case INT64 -> { long[] a = (long[]) x; for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs] != 0; }
                    case BOOL -> Kernels.of(to).copy(x, xo, xs, y, yo, ys, n);
                }
            }
        }
    }
}
