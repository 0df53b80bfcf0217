package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * The maximum over each window ({@code torch.nn.MaxPool1d/2d}) of an (N, C, *spatial) or
 * unbatched (C, *spatial) input; padding counts as -inf. Output size per dim:
 * floor((in + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1, or ceil with ceil_mode
 * (a window must start inside the input or the left padding). Subclasses pick the dimension.
 */
public abstract sealed class MaxPoolNd extends Module permits MaxPool1d, MaxPool2d {
    private final int spatialDims;
    private final PoolWindow window;
    private final int[] dilation;
    private final boolean ceilMode;

    MaxPoolNd(int spatialDims, int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        String name = getClass().getSimpleName();
        this.spatialDims = spatialDims;
        this.window = PoolWindow.of(name, spatialDims, kernelSize, stride, padding);
        for (int d : Tuples.expand(name, "dilation", dilation, spatialDims)) LayerInputs.positive(name, "dilation", d);
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
    }

    /** The functional max pooling of this dimension. */
    abstract Tensor pool(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode);

    @Override
    public Tensor forward(Tensor input) {
        LayerInputs.requireSpatial(this, input, spatialDims);
        return pool(input, window.kernel(), window.stride(), window.padding(), dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return window.repr() + ", dilation=" + LayerInputs.given(dilation) + ", ceil_mode=" + Repr.bool(ceilMode);
    }
}
