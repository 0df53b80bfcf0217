package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * The mean over each window ({@code torch.nn.AvgPool1d}) of an (N, C, L) or unbatched (C, L)
 * input; zero padding, counted in the divisor unless count_include_pad is false. Sizes are one
 * value for every dim or one per dim.
 */
public final class AvgPool1d extends Module {
    private final int[] kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;

    /** Non-overlapping windows: stride = kernel size, no padding. */
    public AvgPool1d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    /** {@code stride} null means the kernel size; floor mode, padding counted. */
    public AvgPool1d(int[] kernelSize, int[] stride, int[] padding) {
        this(kernelSize, stride, padding, false, true);
    }

    public AvgPool1d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        int[] k = Tuples.expand("AvgPool1d", "kernel_size", kernelSize, 1), p = Tuples.expand("AvgPool1d", "padding", padding, 1);
        Tuples.expand("AvgPool1d", "stride", this.stride, 1);
        for (int i = 0; i < 1; i++)
            if (p[i] < 0 || 2 * p[i] > k[i])
                throw new IllegalArgumentException("AvgPool1d: padding should be at most half of the kernel size, got padding " + p[i] + " for kernel " + k[i]);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) throw LayerInputs.badInput(this, "input of shape (N, C, L) or (C, L)", input);
        return F.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Repr.tuple(Tuples.expand("AvgPool1d", "kernel_size", kernelSize, 1)) + ", stride=" + Repr.tuple(Tuples.expand("AvgPool1d", "stride", stride, 1)) + ", padding=" + Repr.tuple(Tuples.expand("AvgPool1d", "padding", padding, 1));
    }
}
