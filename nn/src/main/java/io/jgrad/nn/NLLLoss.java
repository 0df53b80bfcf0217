package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Negative log likelihood of log-probabilities (N, C) or (N, C, d1, ...) at int64 class targets
 * ({@code torch.nn.NLLLoss}); follow a {@link LogSoftmax} with it, or use {@link CrossEntropyLoss}.
 * Optional class {@code weight} (C) is a buffer; targets equal to {@code ignore_index} are skipped.
 */
public final class NLLLoss extends Loss {
    private final int ignoreIndex;

    /** Mean reduction, no weights, ignore_index -100. */
    public NLLLoss() {
        this(null, -100, Reduction.MEAN);
    }

    public NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
        super(reduction);
        this.ignoreIndex = ignoreIndex;
        registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, buffer("weight"), ignoreIndex, reduction());
    }
}
