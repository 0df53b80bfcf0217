package io.jgrad.nn;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Reduction;

/**
 * Softmax cross entropy of logits against class indices or class probabilities
 * ({@code torch.nn.CrossEntropyLoss}). Input (N, C) or (N, C, d1, ...); target int64 (N) /
 * (N, d1, ...) or probabilities shaped like the input. Optional class {@code weight} (C) is a
 * buffer; targets equal to {@code ignore_index} are skipped; label smoothing mixes the one-hot
 * target with the uniform distribution.
 */
public final class CrossEntropyLoss extends Loss {
    private final int ignoreIndex;
    private final double labelSmoothing;

    /** Mean over samples, no weights, ignore_index -100, no smoothing. */
    public CrossEntropyLoss() {
        this(null, -100, Reduction.MEAN, 0);
    }

    public CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
        super(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be in [0, 1], got " + labelSmoothing);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
        registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, buffer("weight"), ignoreIndex, reduction(), labelSmoothing);
    }
}
