package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * The mean over each window ({@code torch.nn.AvgPool2d}) of an (N, C, H, W) or unbatched (C, H, W)
 * input; zero padding, counted in the divisor unless count_include_pad is false. Sizes are one
 * value for every dim or one per dim.
 */
public final class AvgPool2d extends Module {
    private final int[] kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;

    /** Non-overlapping windows: stride = kernel size, no padding. */
    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    /** {@code stride} null means the kernel size; floor mode, padding counted. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding) {
        this(kernelSize, stride, padding, false, true);
    }

    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        int[] k = Tuples.expand("AvgPool2d", "kernel_size", kernelSize, 2), p = Tuples.expand("AvgPool2d", "padding", padding, 2);
        Tuples.expand("AvgPool2d", "stride", this.stride, 2);
        for (int i = 0; i < 2; i++)
            if (p[i] < 0 || 2 * p[i] > k[i])
                throw new IllegalArgumentException("AvgPool2d: padding should be at most half of the kernel size, got padding " + p[i] + " for kernel " + k[i]);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3 && input.dim() != 4) throw LayerInputs.badInput(this, "input of shape (N, C, H, W) or (C, H, W)", input);
        return F.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + LayerInputs.given(kernelSize) + ", stride=" + LayerInputs.given(stride) + ", padding=" + LayerInputs.given(padding);
    }
}
