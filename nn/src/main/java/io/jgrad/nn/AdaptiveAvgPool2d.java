package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Average pooling to a fixed output size whatever the input size ({@code torch.nn.AdaptiveAvgPool2d}):
 * output cell i covers input rows [floor(i * H / oH), ceil((i + 1) * H / oH)). Input (N, C, H, W)
 * or (C, H, W); {@code outputSize} is one size for both dims or (oH, oW).
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;

    public AdaptiveAvgPool2d(int... outputSize) {
        this.outputSize = outputSize.clone();
        for (int s : Tuples.expand("AdaptiveAvgPool2d", "output_size", outputSize, 2)) LayerInputs.positive("AdaptiveAvgPool2d", "output_size", s);
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerInputs.requireSpatial(this, input, 2);
        int[] size = Tuples.expand("AdaptiveAvgPool2d", "output_size", outputSize, 2);
        return F.adaptiveAvgPool2d(input, size);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + LayerInputs.given(outputSize);
    }
}
