package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.ConvKernels;
import io.jgrad.core.kernels.Window;
import io.jgrad.core.spi.Tracking;
import java.util.Arrays;
import java.util.List;

/**
 * Convolution (cross-correlation, as in PyTorch) by im2col + the packed SIMD GEMM, batch elements
 * split across threads.
 *
 * <p>Three primitives share one {@link Geometry}, which relates an <em>image</em> (N, C, H, W) to
 * its <em>columns side</em> (N, O, oh, ow) through a weight (O, C/groups, kh, kw):
 * <ul>
 *   <li>{@link #correlate} (CONV): image to columns side, {@code y = W · im2col(x)};</li>
 *   <li>{@link #correlateAdjoint} (CONV_TRANSPOSE): columns side to image, {@code x = col2im(W^T · y)};</li>
 *   <li>{@link #weightGrad} (CONV_WEIGHT_GRAD): image and columns side to weight, {@code W = y · im2col(x)^T}.</li>
 * </ul>
 * Each is bilinear, and the gradient of each one in each argument is one of the other two, so
 * convolution has gradients of every order with no extra kernels. 1-d convolutions run as 2-d ones
 * of height 1.
 */
public final class Convolution {
    private Convolution() {}

    /** Attrs of CONV, CONV_TRANSPOSE and CONV_WEIGHT_GRAD: the window along H and W (in = image, out = columns side) and the groups. */
    public record Geometry(Window h, Window w, int groups) {
        int kernelArea() {
            return h.kernel() * w.kernel();
        }

        /** Elements of one image plane. */
        int plane() {
            return h.in() * w.in();
        }

        /** Elements of one columns-side plane (output positions of the convolution). */
        int positions() {
            return h.out() * w.out();
        }

        boolean pointwise() {
            return h.isIdentity() && w.isIdentity();
        }
    }

    /** A contiguous tensor's backing array and the offset of its first element (array null for a null tensor). */
    private record Raw(Object array, int offset) {
        static Raw of(Tensor t) {
            return t == null ? new Raw(null, 0) : new Raw(t.storage().array(), t.storageOffset());
        }
    }

    /** Multiply-adds below which a batch is not split across threads. */
    private static final long PARALLEL_MIN_WORK = 1L << 17;

    // ------------------------------------------------------------------ user-facing, validated

    /**
     * {@code F.conv1d} / {@code F.conv2d} ({@code spatial} = 1 or 2) with explicit padding before
     * and after the input along each spatial dim (PyTorch's "same" padding can be asymmetric).
     * Input (N, C, *) or unbatched (C, *); weight (O, C/groups, *k); bias (O) or null.
     */
    public static Tensor conv(String op, int spatial, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padBefore, int[] padAfter,
                              int[] dilation, int groups) {
        boolean unbatched = checkCommon(op, spatial, x, weight, bias, "out_channels, in_channels/groups", stride, dilation, groups);
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        SpatialArgs.checkValues(op, spatial, padBefore, "padding", 0);
        SpatialArgs.checkValues(op, spatial, padAfter, "padding", 0);
        int o = weight.size(0), c = in.size(1);
        if (o % groups != 0)
            throw new IllegalArgumentException(op + ": out_channels " + o + " (weight " + Shape.str(weight.shape()) + ") must be divisible by groups " + groups);
        if (c != weight.size(1) * groups)
            throw new IllegalArgumentException(op + ": expected input with " + weight.size(1) * groups + " channels (weight " + Shape.str(weight.shape())
                    + (groups > 1 ? ", groups " + groups : "") + ") but got input of shape " + Shape.str(x.shape()));
        checkBias(op, bias, o);
        Window[] win = new Window[spatial];
        for (int d = 0; d < spatial; d++) {
            int size = in.size(2 + d), k = weight.size(2 + d);
            int reach = dilation[d] * (k - 1) + 1, padded = size + padBefore[d] + padAfter[d];
            if (reach > padded)
                throw new IllegalArgumentException(op + ": kernel size (dilated) " + Shape.str(reach(weight, dilation, spatial)) + " is larger than the padded input "
                        + Shape.str(padded(in, padBefore, padAfter, spatial)) + " (input of shape " + Shape.str(x.shape()) + ", padding before "
                        + Arrays.toString(padBefore) + ", after " + Arrays.toString(padAfter) + ")");
            int out = Window.outputSize(size, k, stride[d], padBefore[d], padAfter[d], dilation[d], false);
            win[d] = new Window(size, out, k, stride[d], padBefore[d], dilation[d]);
        }
        Geometry g = spatial == 1 ? new Geometry(Window.NONE, win[0], groups) : new Geometry(win[0], win[1], groups);
        Tensor y = spatial == 1
                ? correlate(in.unsqueeze(2), weight.unsqueeze(2), bias, g).squeeze(2)
                : correlate(in, weight, bias, g);
        return unbatched ? y.squeeze(0) : y;
    }

    /**
     * {@code F.conv_transpose1d} / {@code F.conv_transpose2d}: input (N, Cin, *) or unbatched,
     * weight (Cin, Cout/groups, *k), bias (Cout) or null. Output size per dim:
     * (in - 1) stride - 2 padding + dilation (k - 1) + outputPadding + 1.
     */
    public static Tensor convTranspose(String op, int spatial, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                       int[] outputPadding, int groups, int[] dilation) {
        boolean unbatched = checkCommon(op, spatial, x, weight, bias, "in_channels, out_channels/groups", stride, dilation, groups);
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        SpatialArgs.checkValues(op, spatial, padding, "padding", 0);
        SpatialArgs.checkValues(op, spatial, outputPadding, "output_padding", 0);
        int cin = weight.size(0), cout = weight.size(1) * groups;
        if (cin % groups != 0)
            throw new IllegalArgumentException(op + ": in_channels " + cin + " (weight " + Shape.str(weight.shape()) + ") must be divisible by groups " + groups);
        if (in.size(1) != cin)
            throw new IllegalArgumentException(op + ": expected input with " + cin + " channels (weight " + Shape.str(weight.shape())
                    + ") but got input of shape " + Shape.str(x.shape()));
        checkBias(op, bias, cout);
        Window[] win = new Window[spatial];
        for (int d = 0; d < spatial; d++) {
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d])
                throw new IllegalArgumentException(op + ": output_padding " + Arrays.toString(outputPadding) + " must be smaller than either stride "
                        + Arrays.toString(stride) + " or dilation " + Arrays.toString(dilation));
            int size = in.size(2 + d), k = weight.size(2 + d);
            int out = (size - 1) * stride[d] - 2 * padding[d] + dilation[d] * (k - 1) + outputPadding[d] + 1;
            if (out <= 0)
                throw new IllegalArgumentException(op + ": output size " + out + " along spatial dim " + d + " is not positive (input of shape "
                        + Shape.str(x.shape()) + ", weight " + Shape.str(weight.shape()) + ", padding " + Arrays.toString(padding) + ")");
            win[d] = new Window(out, size, k, stride[d], padding[d], dilation[d]);
        }
        Geometry g = spatial == 1 ? new Geometry(Window.NONE, win[0], groups) : new Geometry(win[0], win[1], groups);
        Tensor y = spatial == 1
                ? correlateAdjoint(in.unsqueeze(2), weight.unsqueeze(2), bias, g).squeeze(2)
                : correlateAdjoint(in, weight, bias, g);
        return unbatched ? y.squeeze(0) : y;
    }

    /** The checks convolution and its transpose share; true if x is unbatched (C, *). */
    private static boolean checkCommon(String op, int spatial, Tensor x, Tensor weight, Tensor bias, String weightDims, int[] stride,
                                       int[] dilation, int groups) {
        checkTypes(op, x, weight, bias);
        if (weight.dim() != spatial + 2)
            throw new IllegalArgumentException(op + ": expected a " + (spatial + 2) + "-d weight (" + weightDims + ", "
                    + (spatial == 1 ? "kW" : "kH, kW") + "), got weight of shape " + Shape.str(weight.shape()));
        boolean unbatched = SpatialArgs.checkInput(op, spatial, x);
        SpatialArgs.checkValues(op, spatial, stride, "stride", 1);
        SpatialArgs.checkValues(op, spatial, dilation, "dilation", 1);
        if (groups < 1) throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
        return unbatched;
    }

    private static void checkTypes(String op, Tensor x, Tensor weight, Tensor bias) {
        if (weight.dtype() != x.dtype() || (bias != null && bias.dtype() != x.dtype()))
            throw new IllegalArgumentException(op + ": input (" + x.dtype() + "), weight (" + weight.dtype() + ")"
                    + (bias == null ? "" : " and bias (" + bias.dtype() + ")") + " must have the same dtype");
    }

    private static void checkBias(String op, Tensor bias, int channels) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != channels))
            throw new IllegalArgumentException(op + ": expected a bias of shape [" + channels + "], got " + Shape.str(bias.shape()));
    }

    private static int[] reach(Tensor weight, int[] dilation, int spatial) {
        int[] r = new int[spatial];
        for (int d = 0; d < spatial; d++) r[d] = dilation[d] * (weight.size(2 + d) - 1) + 1;
        return r;
    }

    private static int[] padded(Tensor in, int[] before, int[] after, int spatial) {
        int[] r = new int[spatial];
        for (int d = 0; d < spatial; d++) r[d] = in.size(2 + d) + before[d] + after[d];
        return r;
    }

    // ------------------------------------------------------------------ primitives (4-d, geometry checked)

    /** CONV: image (N, C, H, W), weight (O, C/groups, kh, kw), bias (O) or null, to (N, O, oh, ow). */
    public static Tensor correlate(Tensor image, Tensor weight, Tensor bias, Geometry g) {
        Tensor x = image.contiguous(), w = weight.contiguous(), b = bias == null ? null : bias.contiguous();
        int n = x.size(0), c = x.size(1), o = w.size(0), groups = g.groups();
        int cg = c / groups, og = o / groups, rows = cg * g.kernelArea();
        int plane = g.plane(), positions = g.positions();
        Tensor y = Tensor.empty(x.dtype(), n, o, g.h().out(), g.w().out());
        ConvKernels k = ConvKernels.of(x.dtype());
        Raw xr = Raw.of(x), wr = Raw.of(w), br = Raw.of(b);
        Object xa = xr.array(), wa = wr.array(), ya = y.storage().array(), ba = br.array();
        int xo = xr.offset(), wo = wr.offset(), bo = br.offset();
        boolean direct = g.pointwise();
        // With an unfolded image the bias rides in the GEMM: one more row of ones in the columns and
        // the bias as one more weight column, so the output is written once (filling it with the
        // bias first was 18% of a 1 -> 32 channel layer). A 1x1 convolution reads x in place instead.
        boolean biasInGemm = ba != null && !direct;
        int depth = rows + (biasInGemm ? 1 : 0);
        Tensor wk = biasInGemm ? Tensor.cat(List.of(w.detach().reshape(o, rows), b.detach().reshape(o, 1)), 1) : w;
        Object wka = biasInGemm ? wk.storage().array() : wa, one = Tensor.ones(x.dtype(), 1).storage().array();
        int wko = biasInGemm ? 0 : wo;
        Parallel.forRange(n, grain((long) o * rows * positions), (n0, n1) -> {
            Object cols = direct ? null : k.alloc(depth * positions);
            if (biasInGemm) k.fillRows(cols, rows * positions, 1, positions, one, 0);
            for (int s = n0; s < n1; s++) {
                int yo = s * o * positions;
                if (ba != null && !biasInGemm) k.fillRows(ya, yo, o, positions, ba, bo);
                for (int gi = 0; gi < groups; gi++) {
                    int xs = xo + (s * c + gi * cg) * plane;
                    if (!direct) k.im2col(xa, xs, cg, g.h(), g.w(), cols);
                    k.gemm(og, positions, depth, wka, wko + gi * og * depth, depth, 1, direct ? xa : cols, direct ? xs : 0, positions, 1,
                            ya, yo + gi * og * positions, positions, ba != null && !biasInGemm);
                }
            }
        });
        return Tracking.record(Op.CONV, g, y, x, w, b);
    }

    /** CONV_TRANSPOSE: columns side (N, O, oh, ow), weight (O, C/groups, kh, kw), bias (C) or null, to the image (N, C, H, W). */
    public static Tensor correlateAdjoint(Tensor columns, Tensor weight, Tensor bias, Geometry g) {
        Tensor x = columns.contiguous(), w = weight.contiguous(), b = bias == null ? null : bias.contiguous();
        int n = x.size(0), o = x.size(1), groups = g.groups(), cg = w.size(1), c = cg * groups, og = o / groups;
        int rows = cg * g.kernelArea();
        int plane = g.plane(), positions = g.positions();
        Tensor y = Tensor.zeros(x.dtype(), n, c, g.h().in(), g.w().in());
        ConvKernels k = ConvKernels.of(x.dtype());
        Raw xr = Raw.of(x), wr = Raw.of(w), br = Raw.of(b);
        Object xa = xr.array(), wa = wr.array(), ya = y.storage().array(), ba = br.array();
        int xo = xr.offset(), wo = wr.offset(), bo = br.offset();
        boolean direct = g.pointwise();
        // Each group's W_g^T (rows x og), row-major once here rather than by the GEMM for every sample.
        Object wt = k.alloc(groups * rows * og);
        for (int gi = 0; gi < groups; gi++) k.addInto(wa, wo + gi * og * rows, 1, rows, wt, gi * rows * og, rows, og);
        Parallel.forRange(n, grain((long) o * rows * positions), (n0, n1) -> {
            Object cols = direct ? null : k.alloc(rows * positions);
            for (int s = n0; s < n1; s++) {
                int yo = s * c * plane;
                if (ba != null) k.fillRows(ya, yo, c, plane, ba, bo);
                for (int gi = 0; gi < groups; gi++) {
                    int xs = xo + (s * o + gi * og) * positions, ws = gi * rows * og;
                    // W_g^T (rows x og) · x_g (og x positions).
                    if (direct) {
                        k.gemm(rows, positions, og, wt, ws, og, 1, xa, xs, positions, 1, ya, yo + gi * cg * plane, positions, true);
                    } else {
                        k.gemm(rows, positions, og, wt, ws, og, 1, xa, xs, positions, 1, cols, 0, positions, false);
                        k.col2im(cols, cg, g.h(), g.w(), ya, yo + gi * cg * plane);
                    }
                }
            }
        });
        return Tracking.record(Op.CONV_TRANSPOSE, g, y, x, w, b);
    }

    /** CONV_WEIGHT_GRAD: image (N, C, H, W) and columns side (N, O, oh, ow) to a weight (O, C/groups, kh, kw). */
    public static Tensor weightGrad(Tensor image, Tensor columns, Geometry g) {
        Tensor x = image.contiguous(), gy = columns.contiguous();
        int n = x.size(0), c = x.size(1), o = gy.size(1), groups = g.groups();
        int cg = c / groups, og = o / groups, rows = cg * g.kernelArea();
        int plane = g.plane(), positions = g.positions();
        DType dt = x.dtype();
        ConvKernels k = ConvKernels.of(dt);
        Raw xr = Raw.of(x), gr = Raw.of(gy);
        Object xa = xr.array(), ga = gr.array();
        int xo = xr.offset(), go = gr.offset();
        boolean direct = g.pointwise();
        // Two ways round: dW_g = gy_g · cols^T (og x rows), or its transpose cols · gy_g^T (rows x og),
        // whose block in the buffers holds dW_g^T. Either way the GEMM transposes its B operand
        // (positions x columns) while packing, and pads the columns to whole vector panels.
        boolean transposed = weightGradCost(rows, og, positions) < weightGradCost(og, rows, positions);
        // Each thread sums its batch elements into its own buffer; buffers are added in batch order.
        Object[] partials = new Object[Math.max(n, 1)];
        Parallel.forRange(n, grain((long) o * rows * positions), (n0, n1) -> {
            Object cols = direct ? null : k.alloc(rows * positions), acc = k.alloc(o * rows);
            for (int s = n0; s < n1; s++) {
                for (int gi = 0; gi < groups; gi++) {
                    int xs = xo + (s * c + gi * cg) * plane, gs = go + (s * o + gi * og) * positions;
                    Object ca = direct ? xa : cols;
                    int co = direct ? xs : 0;
                    if (!direct) k.im2col(xa, xs, cg, g.h(), g.w(), cols);
                    // dW_g = gy_g (og x positions) · cols^T (positions x rows), or its transpose.
                    if (transposed) k.gemm(rows, og, positions, ca, co, positions, 1, ga, gs, 1, positions, acc, gi * og * rows, og, true);
                    else k.gemm(og, rows, positions, ga, gs, positions, 1, ca, co, 1, positions, acc, gi * og * rows, rows, true);
                }
            }
            partials[n0] = acc;
        });
        Tensor dw = Tensor.zeros(dt, o, cg, g.h().kernel(), g.w().kernel());
        Object da = dw.storage().array();
        for (Object p : partials) {
            if (p == null) continue;
            for (int gi = 0; gi < groups; gi++)
                k.addInto(p, gi * og * rows, transposed ? 1 : rows, transposed ? og : 1, da, gi * og * rows, og, rows);
        }
        return Tracking.record(Op.CONV_WEIGHT_GRAD, g, dw, x, gy);
    }

    /**
     * Rough cost of an m x n GEMM over k whose B (k x n) is a transpose: multiply-adds with n padded to
     * 32-column panels, plus the scalar transpose of B, ~16 multiply-adds' worth per element.
     */
    private static long weightGradCost(int m, int n, int k) {
        return (long) m * ((n + 31) / 32 * 32) * k + 16L * k * n;
    }

    /** Batch elements per thread so that each thread gets at least {@link #PARALLEL_MIN_WORK} multiply-adds. */
    private static int grain(long workPerSample) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, PARALLEL_MIN_WORK / Math.max(1, workPerSample)));
    }
}
