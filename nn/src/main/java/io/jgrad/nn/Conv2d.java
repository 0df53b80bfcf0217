package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * A 2-d convolution (cross-correlation, as {@code torch.nn.Conv2d}) from (N, C_in, H, W) or unbatched (C_in, H, W) to (N, C_out, H_out, W_out), with
 * stride, padding (explicit, {@code "same"} or {@code "valid"}), dilation, groups (depthwise when
 * groups = in_channels) and padding modes set through {@link ConvOptions}. Parameters and
 * initialisation in {@link ConvNd}.
 *
 * <pre>{@code
 * new Conv2d(16, 32, new int[] {3}, ConvOptions.defaults().padding("same").groups(16));
 * }</pre>
 */
public final class Conv2d extends ConvNd {
    /** Stride 1, no padding, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[] {kernelSize}, ConvOptions.defaults());
    }

    /** {@code kernelSize} is one size for every spatial dim or one per dim. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, ConvOptions options) {
        super(inChannels, outChannels, kernelSize, options, 2, false);
    }

    @Override
    Tensor convolve(Tensor x) {
        if (padded()) return F.conv2d(x, weight(), bias(), stride(), new int[] {0}, dilation(), groups());
        if (paddingPreset() != null) return F.conv2d(x, weight(), bias(), stride(), paddingPreset(), dilation(), groups());
        return F.conv2d(x, weight(), bias(), stride(), padding(), dilation(), groups());
    }
}
