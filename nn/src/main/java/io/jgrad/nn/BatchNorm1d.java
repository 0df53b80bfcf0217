package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** Batch normalisation of (N, C) or (N, C, L) inputs ({@code torch.nn.BatchNorm1d}); statistics per channel over N (and L). See {@link BatchNormBase}. */
public final class BatchNorm1d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running stats. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** PyTorch's full constructor; a null momentum means a cumulative moving average. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    boolean accepts(Tensor input) {
        return input.dim() == 2 || input.dim() == 3;
    }

    @Override
    String expectedShape() {
        return "(N, " + numFeatures() + ") or (N, " + numFeatures() + ", L)";
    }
}
