package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** Batch normalisation of (N, C, H, W) inputs ({@code torch.nn.BatchNorm2d}); statistics per channel over N, H and W. See {@link BatchNormBase}. */
public final class BatchNorm2d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running stats. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** PyTorch's full constructor; a null momentum means a cumulative moving average. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    boolean accepts(Tensor input) {
        return input.dim() == 4;
    }

    @Override
    String expectedShape() {
        return "(N, " + numFeatures() + ", H, W)";
    }
}
