package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Kullback-Leibler divergence of a target distribution from log-probabilities
 * ({@code torch.nn.KLDivLoss}): target * (log target - input), or with {@code logTarget}
 * exp(target) * (target - input). BATCHMEAN (sum / batch size) is the mathematically correct
 * reduction; MEAN averages over every element, as in PyTorch.
 */
public final class KLDivLoss extends Loss {
    private final boolean logTarget;

    /** Mean reduction, probability targets. */
    public KLDivLoss() {
        this(Reduction.MEAN, false);
    }

    public KLDivLoss(Reduction reduction, boolean logTarget) {
        super(reduction, true);
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.klDiv(input, target, reduction(), logTarget);
    }
}
