package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * A 1-d convolution (cross-correlation, as {@code torch.nn.Conv1d}) from (N, C_in, L) or unbatched (C_in, L) to (N, C_out, L_out), with
 * stride, padding (explicit, {@code "same"} or {@code "valid"}), dilation, groups (depthwise when
 * groups = in_channels) and padding modes set through {@link ConvOptions}. Parameters and
 * initialisation in {@link ConvNd}.
 *
 * <pre>{@code
 * new Conv1d(16, 32, new int[] {3}, ConvOptions.defaults().padding("same").groups(16));
 * }</pre>
 */
public final class Conv1d extends ConvNd {
    /** Stride 1, no padding, with bias. */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[] {kernelSize}, ConvOptions.defaults());
    }

    /** {@code kernelSize} is one size for every spatial dim or one per dim. */
    public Conv1d(int inChannels, int outChannels, int[] kernelSize, ConvOptions options) {
        super(inChannels, outChannels, kernelSize, options, 1, false);
    }

    @Override
    Tensor convolve(Tensor x) {
        if (padded()) return F.conv1d(x, weight(), bias(), stride(), new int[] {0}, dilation(), groups());
        if (paddingPreset() != null) return F.conv1d(x, weight(), bias(), stride(), paddingPreset(), dilation(), groups());
        return F.conv1d(x, weight(), bias(), stride(), padding(), dilation(), groups());
    }
}
