package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** 1-d average pooling ({@code torch.nn.AvgPool1d}); behaviour and shapes in {@link AvgPoolNd}. */
public final class AvgPool1d extends AvgPoolNd {
    /** Non-overlapping windows: stride = kernel size, no padding. */
    public AvgPool1d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    /** {@code stride} null means the kernel size; floor mode, padding counted. */
    public AvgPool1d(int[] kernelSize, int[] stride, int[] padding) {
        this(kernelSize, stride, padding, false, true);
    }

    public AvgPool1d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        super(1, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    Tensor pool(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return F.avgPool1d(input, kernel, stride, padding, ceilMode, countIncludePad);
    }
}
