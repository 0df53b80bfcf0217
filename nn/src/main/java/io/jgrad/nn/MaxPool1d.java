package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** 1-d max pooling ({@code torch.nn.MaxPool1d}); behaviour and shapes in {@link MaxPoolNd}. */
public final class MaxPool1d extends MaxPoolNd {
    /** Non-overlapping windows: stride = kernel size, no padding. */
    public MaxPool1d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    /** {@code stride} null means the kernel size. */
    public MaxPool1d(int[] kernelSize, int[] stride, int[] padding) {
        this(kernelSize, stride, padding, new int[] {1}, false);
    }

    public MaxPool1d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        super(1, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    Tensor pool(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return F.maxPool1d(input, kernel, stride, padding, dilation, ceilMode);
    }
}
