package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * A 2-d transposed convolution ({@code torch.nn.ConvTranspose2d}), the gradient of Conv2d with
 * respect to its input: (N, C_in, H, W) to (N, C_out, H_out, W_out) with H_out =
 * (H - 1) * stride - 2 * padding + dilation * (kH - 1) + output_padding + 1. Weight
 * (in_channels, out_channels / groups, kH, kW); options (stride, padding, output_padding, groups,
 * dilation, bias) through {@link ConvOptions}; initialisation in {@link ConvNd}.
 */
public final class ConvTranspose2d extends ConvNd {
    /** Stride 1, no padding, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, new int[] {kernelSize}, ConvOptions.defaults());
    }

    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, ConvOptions options) {
        super(inChannels, outChannels, kernelSize, options, 2, true);
        int[] op = outputPadding(), s = stride(), d = dilation();
        for (int i = 0; i < 2; i++)
            if (op[i] >= Math.max(s[i], d[i]))
                throw new IllegalArgumentException("ConvTranspose2d: output_padding (" + op[i] + ") must be smaller than either stride (" + s[i]
                        + ") or dilation (" + d[i] + ")");
    }

    @Override
    Tensor convolve(Tensor x) {
        return F.convTranspose2d(x, weight(), bias(), stride(), padding(), outputPadding(), groups(), dilation());
    }
}
