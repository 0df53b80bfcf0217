package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;

/**
 * Batch normalisation over dim 1 (PyTorch's {@code _BatchNorm}): in training mode each channel is
 * normalised with the batch mean and biased variance, and the running statistics are updated
 * ({@code running = (1 - momentum) * running + momentum * batch}, with the unbiased batch variance);
 * in eval mode the running statistics are used and nothing changes. A null momentum gives the
 * cumulative average (factor 1 / num_batches_tracked).
 *
 * <p>Parameters {@code weight} (C) = 1 and {@code bias} (C) = 0 when affine; buffers
 * {@code running_mean} (C) = 0, {@code running_var} (C) = 1 and {@code num_batches_tracked}
 * (0-d int64) when tracking running stats.
 */
public abstract sealed class BatchNormBase extends Module permits BatchNorm1d, BatchNorm2d {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine, trackRunningStats;

    BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = LayerInputs.positive(getClass().getSimpleName(), "num_features", numFeatures);
        if (!(eps > 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": eps must be positive, got " + eps);
        if (momentum != null) LayerInputs.probability(getClass().getSimpleName(), "momentum", momentum);
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        registerParameter("weight", affine ? Tensor.ones(numFeatures) : null);
        registerParameter("bias", affine ? Tensor.zeros(numFeatures) : null);
        registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        registerBuffer("num_batches_tracked", trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    /** True if {@code input} has a rank and channel count this layer accepts. */
    abstract boolean accepts(Tensor input);

    /** The accepted shapes, for error messages, e.g. "(N, 16) or (N, 16, L)". */
    abstract String expectedShape();

    public Tensor weight() { return parameter("weight"); }

    public Tensor bias() { return parameter("bias"); }

    public Tensor runningMean() { return buffer("running_mean"); }

    public Tensor runningVar() { return buffer("running_var"); }

    public Tensor numBatchesTracked() { return buffer("num_batches_tracked"); }

    public int numFeatures() { return numFeatures; }

    /** Resets the running statistics to mean 0, variance 1 and zero batches. */
    public void resetRunningStats() {
        if (!trackRunningStats) return;
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            runningMean().zero_();
            runningVar().fill_(1);
            numBatchesTracked().zero_();
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!accepts(input) || input.size(1) != numFeatures) throw LayerInputs.badInput(this, "input of shape " + expectedShape(), input);
        double factor = momentum == null ? 0 : momentum;
        if (isTraining() && trackRunningStats) {
            try (Autograd.Scope ignored = Autograd.noGrad()) {
                numBatchesTracked().add_(1);
            }
            if (momentum == null) factor = 1.0 / numBatchesTracked().item();
        }
        // Without tracked statistics (buffers null) even eval mode normalises with batch statistics.
        boolean useBatchStats = isTraining() || !trackRunningStats;
        return F.batchNorm(input, runningMean(), runningVar(), weight(), bias(), useBatchStats, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.number(eps) + ", momentum=" + (momentum == null ? "None" : Repr.number(momentum))
                + ", affine=" + Repr.bool(affine) + ", track_running_stats=" + Repr.bool(trackRunningStats);
    }
}
