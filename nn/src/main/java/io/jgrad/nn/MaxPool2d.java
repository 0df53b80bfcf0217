package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * The maximum over each window ({@code torch.nn.MaxPool2d}) of an (N, C, H, W) or unbatched (C, H, W)
 * input; padding counts as -inf. Output size per dim: floor((in + 2 * padding - dilation * (kernel - 1)
 * - 1) / stride) + 1, or ceil with ceil_mode. Sizes are one value for every dim or one per dim.
 */
public final class MaxPool2d extends Module {
    private final int[] kernelSize, stride, padding, dilation;
    private final boolean ceilMode;

    /** Non-overlapping windows: stride = kernel size, no padding. */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    /** {@code stride} null means the kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding) {
        this(kernelSize, stride, padding, new int[] {1}, false);
    }

    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
        int[] k = Tuples.expand("MaxPool2d", "kernel_size", kernelSize, 2), p = Tuples.expand("MaxPool2d", "padding", padding, 2);
        Tuples.expand("MaxPool2d", "stride", this.stride, 2);
        Tuples.expand("MaxPool2d", "dilation", dilation, 2);
        for (int i = 0; i < 2; i++)
            if (p[i] < 0 || 2 * p[i] > k[i])
                throw new IllegalArgumentException("MaxPool2d: padding should be at most half of the kernel size, got padding " + p[i] + " for kernel " + k[i]);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3 && input.dim() != 4) throw LayerInputs.badInput(this, "input of shape (N, C, H, W) or (C, H, W)", input);
        return F.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + LayerInputs.given(kernelSize) + ", stride=" + LayerInputs.given(stride) + ", padding=" + LayerInputs.given(padding)
                + ", dilation=" + LayerInputs.given(dilation) + ", ceil_mode=" + Repr.bool(ceilMode);
    }
}
