package io.jgrad.core.ops;

import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.AxisMap;
import io.jgrad.core.kernels.PoolKernels;
import io.jgrad.core.kernels.Window;
import io.jgrad.core.spi.Tracking;
import java.util.Arrays;
import java.util.Locale;

/**
 * Average pooling, adaptive average pooling and interpolation (nearest, linear, bilinear,
 * trilinear). Each is separable: a sparse linear {@link AxisMap} applied along one spatial dim
 * after the other, PyTorch's divisor and source-index rules folded into the map's weights. The
 * primitive is one such application ({@link #along}); its gradient is the transposed map, whose
 * gradient is the map again.
 */
public final class Resampling {
    private Resampling() {}

    /** Attrs of AVG_POOL, ADAPTIVE_AVG_POOL and INTERPOLATE: the map, the dim it runs along, and the direction. */
    public record Along(Op op, int dim, AxisMap map, boolean adjoint) {
        /** The same map in the other direction (the gradient). */
        public Along transposed() {
            return new Along(op, dim, map, !adjoint);
        }
    }

    /** Elements per thread below which a map runs on one thread. */
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 14;

    // ------------------------------------------------------------------ average pooling

    /**
     * {@code F.avg_pool1d} / {@code F.avg_pool2d}: zero padding; the divisor is the window clipped to
     * the padded input (countIncludePad) or the number of real input elements in it.
     */
    public static Tensor avgPool(String op, int spatial, Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                 boolean countIncludePad) {
        boolean unbatched = SpatialArgs.checkInput(op, spatial, x);
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        if (spatial == 1) in = in.unsqueeze(2);
        int[] dilation = new int[spatial];
        Arrays.fill(dilation, 1);
        Window[] win = Pooling.windows(op, spatial, in, kernel, stride, padding, dilation, ceilMode, x.shape());
        Tensor y = in;
        for (int d = 0; d < spatial; d++) y = along(y, new Along(Op.AVG_POOL, 4 - spatial + d, averaging(win[2 - spatial + d], countIncludePad), false));
        if (spatial == 1) y = y.squeeze(2);
        return unbatched ? y.squeeze(0) : y;
    }

    /** Window o covers [o s - p, min(o s - p + k, in + p)) clipped to the input, each element weighted 1 / divisor. */
    private static AxisMap averaging(Window win, boolean countIncludePad) {
        int[] counts = new int[win.out()];
        for (int o = 0; o < win.out(); o++) {
            int start = o * win.stride() - win.pad(), end = Math.min(start + win.kernel(), win.in() + win.pad());
            counts[o] = Math.max(0, Math.min(end, win.in()) - Math.max(start, 0));
        }
        return AxisMap.build(win.in(), win.out(), win.kernel(), counts, (o, w) -> {
            int start = o * win.stride() - win.pad(), end = Math.min(start + win.kernel(), win.in() + win.pad());
            double divisor = countIncludePad ? end - start : counts[o];
            Arrays.fill(w, 0, counts[o], 1 / divisor);
            return Math.max(start, 0);
        });
    }

    /** {@code F.adaptive_avg_pool1d} / {@code 2d}: output o averages input [floor(o in / out), ceil((o + 1) in / out)). */
    public static Tensor adaptiveAvgPool(String op, int spatial, Tensor x, int[] outputSize) {
        SpatialArgs.checkInput(op, spatial, x);
        if (outputSize.length != spatial)
            throw new IllegalArgumentException(op + ": expected " + spatial + " value(s) for output_size, got " + Arrays.toString(outputSize));
        for (int s : outputSize)
            if (s < 1) throw new IllegalArgumentException(op + ": output_size must be positive, got " + Arrays.toString(outputSize));
        Tensor y = x;
        for (int d = 0; d < spatial; d++) {
            int dim = x.dim() - spatial + d, in = x.size(dim), out = outputSize[d];
            if (in == 0) throw new IllegalArgumentException(op + ": input of shape " + Shape.str(x.shape()) + " has an empty spatial dim");
            int[] counts = new int[out];
            for (int o = 0; o < out; o++) counts[o] = Math.ceilDiv((o + 1) * in, out) - Math.floorDiv(o * in, out);
            AxisMap map = AxisMap.build(in, out, in, counts, (o, w) -> {
                Arrays.fill(w, 0, counts[o], 1.0 / counts[o]);
                return Math.floorDiv(o * in, out);
            });
            y = along(y, new Along(Op.ADAPTIVE_AVG_POOL, dim, map, false));
        }
        return y;
    }

    // ------------------------------------------------------------------ interpolation

    /**
     * {@code F.interpolate} for modes "nearest" (3-, 4- or 5-d input), "linear" (3-d), "bilinear"
     * (4-d) and "trilinear" (5-d). Exactly one of {@code size} and {@code scaleFactor} is given (one
     * value means the same for every spatial dim). {@code alignCorners} applies to the linear modes
     * only (null = false).
     */
    public static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        String op = "interpolate";
        String m = mode == null ? "nearest" : mode.toLowerCase(Locale.ROOT);
        int spatial = x.dim() - 2;
        boolean linear = switch (m) {
            case "nearest" -> false;
            case "linear", "bilinear", "trilinear" -> true;
            default -> throw new IllegalArgumentException(op + ": mode must be one of nearest, linear, bilinear, trilinear, got '" + mode + "'");
        };
        if (spatial < 1 || spatial > 3)
            throw new IllegalArgumentException(op + ": expected a 3-d, 4-d or 5-d input (N, C, *spatial), got input of shape " + Shape.str(x.shape()));
        int need = switch (m) { case "linear" -> 1; case "bilinear" -> 2; case "trilinear" -> 3; default -> spatial; };
        if (need != spatial)
            throw new IllegalArgumentException(op + ": mode '" + m + "' needs a " + (need + 2) + "-d input, got input of shape " + Shape.str(x.shape()));
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(op + ": expected a floating point input, got " + x.dtype());
        if (!linear && alignCorners != null)
            throw new IllegalArgumentException(op + ": align_corners can only be set with the linear modes (linear, bilinear, trilinear)");
        if ((size == null) == (scaleFactor == null))
            throw new IllegalArgumentException(op + ": exactly one of size and scale_factor must be given");
        int[] outSize = new int[spatial];
        Double[] scales = new Double[spatial];
        for (int d = 0; d < spatial; d++) {
            int in = x.size(2 + d);
            if (size != null) {
                outSize[d] = size[pick(op, "size", size.length, d, spatial)];
            } else {
                double s = scaleFactor[pick(op, "scale_factor", scaleFactor.length, d, spatial)];
                if (!(s > 0)) throw new IllegalArgumentException(op + ": scale_factor must be positive, got " + Arrays.toString(scaleFactor));
                scales[d] = s;
                outSize[d] = (int) Math.floor(in * s);
            }
            if (outSize[d] < 1 || in < 1)
                throw new IllegalArgumentException(op + ": input of shape " + Shape.str(x.shape()) + " gives output size " + Arrays.toString(outSize)
                        + "; every input and output spatial size must be positive");
        }
        boolean corners = alignCorners != null && alignCorners;
        Tensor y = x;
        for (int d = 0; d < spatial; d++) {
            int in = x.size(2 + d);
            AxisMap map = linear ? linearMap(in, outSize[d], corners, scales[d]) : nearestMap(in, outSize[d], scales[d]);
            y = along(y, new Along(Op.INTERPOLATE, 2 + d, map, false));
        }
        return y;
    }

    /** Which of v's values (1 or spatial of them) applies to spatial dim d. */
    private static int pick(String op, String name, int length, int d, int spatial) {
        if (length != 1 && length != spatial)
            throw new IllegalArgumentException(op + ": " + name + " needs 1 or " + spatial + " values, got " + length);
        return length == 1 ? 0 : d;
    }

    /** PyTorch's nearest source index: floor(o * scale) in float arithmetic, with scale = 1 / scale_factor or in / out. */
    private static AxisMap nearestMap(int in, int out, Double scaleFactor) {
        float scale = scaleFactor != null ? (float) (1.0 / scaleFactor) : (float) in / out;
        int[] ones = new int[out];
        Arrays.fill(ones, 1);
        return AxisMap.build(in, out, 1, ones, (o, w) -> {
            w[0] = 1;
            if (out == in) return o;
            if (out == 2 * in) return o >> 1;
            return Math.min((int) Math.floor(o * scale), in - 1);
        });
    }

    /** Two taps at floor(src) and the next input, src = (o + 0.5) scale - 0.5 clamped at 0, or o (in - 1) / (out - 1) with align_corners. */
    private static AxisMap linearMap(int in, int out, boolean alignCorners, Double scaleFactor) {
        double scale = alignCorners ? (out > 1 ? (double) (in - 1) / (out - 1) : 0) : scaleFactor != null ? 1.0 / scaleFactor : (double) in / out;
        int[] counts = new int[out];
        double[] src = new double[out];
        for (int o = 0; o < out; o++) {
            src[o] = alignCorners ? scale * o : Math.max(scale * (o + 0.5) - 0.5, 0);
            counts[o] = (int) src[o] < in - 1 ? 2 : 1;
        }
        return AxisMap.build(in, out, 2, counts, (o, w) -> {
            int i0 = (int) src[o];
            double l1 = src[o] - i0, l0 = 1 - l1;
            if (counts[o] == 2) {
                w[0] = l0;
                w[1] = l1;
            } else {
                w[0] = l0 + l1;
            }
            return i0;
        });
    }

    // ------------------------------------------------------------------ the primitive

    /** Applies a map (or its transpose) along one dim; recorded as {@code a.op()}. */
    public static Tensor along(Tensor x, Along a) {
        Tensor in = x.contiguous();
        AxisMap map = a.map();
        int d = a.dim(), from = a.adjoint() ? map.out() : map.in(), to = a.adjoint() ? map.in() : map.out();
        if (in.size(d) != from)
            throw new IllegalStateException(a.op().pyName() + ": dim " + d + " of shape " + Shape.str(in.shape()) + " should have size " + from);
        int[] shape = in.shape();
        int outer = Shape.numel(Arrays.copyOfRange(shape, 0, d)), inner = Shape.numel(Arrays.copyOfRange(shape, d + 1, shape.length));
        shape[d] = to;
        Tensor y = Tensor.zeros(in.dtype(), shape);
        PoolKernels k = PoolKernels.of(in.dtype());
        Object xa = in.storage().array(), ya = y.storage().array();
        int grain = Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, (from + to) * inner));
        if (a.adjoint()) Parallel.forRange(outer, grain, (a0, a1) -> k.resampleAdjoint(xa, in.storageOffset(), inner, map, ya, a0, a1));
        else Parallel.forRange(outer, grain, (a0, a1) -> k.resample(xa, in.storageOffset(), inner, map, ya, a0, a1));
        return Tracking.record(a.op(), a, y, in);
    }
}
