package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * The mean over each window ({@code torch.nn.AvgPool1d/2d}) of an (N, C, *spatial) or unbatched
 * (C, *spatial) input, with zero padding that counts in the divisor unless count_include_pad is
 * false. Subclasses pick the dimension.
 */
public abstract sealed class AvgPoolNd extends Module permits AvgPool1d, AvgPool2d {
    private final int spatialDims;
    private final PoolWindow window;
    private final boolean ceilMode, countIncludePad;

    AvgPoolNd(int spatialDims, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.spatialDims = spatialDims;
        this.window = PoolWindow.of(getClass().getSimpleName(), spatialDims, kernelSize, stride, padding);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    /** The functional average pooling of this dimension. */
    abstract Tensor pool(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad);

    @Override
    public Tensor forward(Tensor input) {
        LayerInputs.requireSpatial(this, input, spatialDims);
        return pool(input, window.kernel(), window.stride(), window.padding(), ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        if (spatialDims > 1) return window.repr();
        // PyTorch's AvgPool1d stores its sizes as 1-tuples, so they print as (2,).
        return "kernel_size=" + Repr.tuple(window.kernel()[0]) + ", stride=" + Repr.tuple(window.stride()[0]) + ", padding=" + Repr.tuple(window.padding()[0]);
    }
}
