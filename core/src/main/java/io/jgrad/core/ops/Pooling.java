package io.jgrad.core.ops;

import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.PoolKernels;
import io.jgrad.core.kernels.Window;
import io.jgrad.core.spi.Tracking;
import java.util.Arrays;

/**
 * Max pooling (1-d and 2-d; 1-d runs as 2-d of height 1). The forward pass records, for every
 * output, the input element it came from; the gradient routes back to those elements. Both
 * directions are primitives: MAX_POOL (select the recorded elements) and MAX_POOL_BACKWARD (add
 * back into them), each the other's gradient, so gradients of every order exist.
 */
public final class Pooling {
    private Pooling() {}

    /**
     * Attrs of MAX_POOL and MAX_POOL_BACKWARD: for each output of shape {@code outputShape}
     * (N, C, oh, ow), the flat index {@code h * W + w} of its input element within its (n, c) plane
     * of the input of shape {@code inputShape}.
     */
    public record Selection(int[] indices, int[] inputShape, int[] outputShape) {
        int planes() {
            return inputShape[0] * inputShape[1];
        }

        int inPlane() {
            return inputShape[2] * inputShape[3];
        }

        int outPlane() {
            return outputShape[2] * outputShape[3];
        }
    }

    /** Planes per thread below which pooling stays on one thread. */
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 14;

    /**
     * {@code F.max_pool1d} / {@code F.max_pool2d}: input (N, C, *) or unbatched (C, *). With
     * {@code withIndices} the result's indices are the flat positions of the maxima within each
     * input plane (int64), as with PyTorch's {@code return_indices=True}; otherwise they are null.
     */
    public static Tensor.ValuesIndices maxPool(String op, int spatial, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                               boolean ceilMode, boolean withIndices) {
        boolean unbatched = SpatialArgs.checkInput(op, spatial, x);
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        if (spatial == 1) in = in.unsqueeze(2);
        Window[] win = windows(op, spatial, in, kernel, stride, padding, dilation, ceilMode, x.shape());
        Pooled pooled = argmax(in.contiguous(), win[0], win[1]);
        Tensor values = pooled.values(), indices = null;
        if (withIndices) {
            Selection s = pooled.selection();
            long[] idx = new long[s.indices().length];
            for (int i = 0; i < idx.length; i++) idx[i] = s.indices()[i];
            indices = Tensor.of(idx, s.outputShape());
        }
        if (spatial == 1) {
            values = values.squeeze(2);
            indices = indices == null ? null : indices.squeeze(2);
        }
        if (unbatched) {
            values = values.squeeze(0);
            indices = indices == null ? null : indices.squeeze(0);
        }
        return new Tensor.ValuesIndices(values, indices);
    }

    /**
     * The (height, width) windows of a pooling op over a 4-d input, after PyTorch's checks: positive
     * kernel, stride and dilation; padding at most half the kernel; a non-empty output.
     */
    static Window[] windows(String op, int spatial, Tensor in4, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
                            int[] userShape) {
        SpatialArgs.checkValues(op, spatial, kernel, "kernel_size", 1);
        SpatialArgs.checkValues(op, spatial, stride, "stride", 1);
        SpatialArgs.checkValues(op, spatial, padding, "padding", 0);
        SpatialArgs.checkValues(op, spatial, dilation, "dilation", 1);
        for (int d = 0; d < spatial; d++)
            if (padding[d] > kernel[d] / 2)
                throw new IllegalArgumentException(op + ": padding should be at most half of the kernel size, but got padding "
                        + Arrays.toString(padding) + " for kernel_size " + Arrays.toString(kernel));
        Window[] win = {Window.NONE, Window.NONE};
        int[] outSize = new int[spatial];
        boolean empty = false;
        for (int d = 0; d < spatial; d++) {
            int size = in4.size(4 - spatial + d);
            outSize[d] = Window.outputSize(size, kernel[d], stride[d], padding[d], padding[d], dilation[d], ceilMode);
            empty |= outSize[d] < 1;
            win[2 - spatial + d] = new Window(size, outSize[d], kernel[d], stride[d], padding[d], dilation[d]);
        }
        if (empty)
            throw new IllegalArgumentException(op + ": output size " + Arrays.toString(outSize) + " is too small for input of shape " + Shape.str(userShape)
                    + " (kernel_size " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding)
                    + ", dilation " + Arrays.toString(dilation) + ")");
        return win;
    }

    /** The maxima of a contiguous 4-d input (recorded as MAX_POOL) and where they came from. */
    private record Pooled(Tensor values, Selection selection) {}

    private static Pooled argmax(Tensor x, Window h, Window w) {
        int[] outShape = {x.size(0), x.size(1), h.out(), w.out()};
        Tensor y = Tensor.empty(x.dtype(), outShape);
        int[] idx = new int[y.numel()];
        PoolKernels k = PoolKernels.of(x.dtype());
        Object xa = x.storage().array(), ya = y.storage().array();
        int planes = x.size(0) * x.size(1), work = Math.max(1, h.in() * w.in());
        Parallel.forRange(planes, Math.max(1, MIN_ELEMENTS_PER_THREAD / work), (p0, p1) -> k.maxPool(xa, x.storageOffset(), h, w, ya, idx, p0, p1));
        Selection s = new Selection(idx, x.shape(), outShape);
        return new Pooled(Tracking.record(Op.MAX_POOL, s, y, x), s);
    }

    /** MAX_POOL with the elements chosen by an earlier forward pass (the gradient of {@link #scatterBack}). */
    public static Tensor select(Tensor x, Selection s) {
        Tensor in = x.contiguous();
        Tensor y = Tensor.empty(in.dtype(), s.outputShape());
        PoolKernels k = PoolKernels.of(in.dtype());
        Object xa = in.storage().array(), ya = y.storage().array();
        Parallel.forRange(s.planes(), Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, s.inPlane())),
                (p0, p1) -> k.gather(xa, in.storageOffset(), s.inPlane(), s.indices(), s.outPlane(), ya, p0, p1));
        return Tracking.record(Op.MAX_POOL, s, y, in);
    }

    /** MAX_POOL_BACKWARD: the gradient of max pooling, each output's gradient added into its input element. */
    public static Tensor scatterBack(Tensor g, Selection s) {
        Tensor go = g.contiguous();
        Tensor dx = Tensor.zeros(go.dtype(), s.inputShape());
        PoolKernels k = PoolKernels.of(go.dtype());
        Object ga = go.storage().array(), da = dx.storage().array();
        Parallel.forRange(s.planes(), Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, s.inPlane())),
                (p0, p1) -> k.scatterAdd(ga, go.storageOffset(), s.outPlane(), s.indices(), da, s.inPlane(), p0, p1));
        return Tracking.record(Op.MAX_POOL_BACKWARD, s, dx, go);
    }
}
