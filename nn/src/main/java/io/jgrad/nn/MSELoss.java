package io.jgrad.nn;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Reduction;

/** Squared error (input - target)^2, reduced ({@code torch.nn.MSELoss}). Input and target broadcast. */
public final class MSELoss extends Loss {
    /** Mean reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction());
    }
}
