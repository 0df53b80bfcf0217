package io.jgrad.nn;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Reduction;

/**
 * Binary cross entropy on logits, computed stably ({@code torch.nn.BCEWithLogitsLoss}): target
 * probabilities shaped like the input; optional {@code weight} (broadcast to the input) and
 * {@code pos_weight} (broadcast against the last dim) are buffers.
 */
public final class BCEWithLogitsLoss extends Loss {
    /** Mean reduction, no weights. */
    public BCEWithLogitsLoss() {
        this(null, Reduction.MEAN, null);
    }

    public BCEWithLogitsLoss(Tensor weight, Reduction reduction, Tensor posWeight) {
        super(reduction);
        registerBuffer("weight", weight);
        registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, buffer("weight"), buffer("pos_weight"), reduction());
    }
}
