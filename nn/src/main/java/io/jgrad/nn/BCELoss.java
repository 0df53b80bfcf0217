package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Binary cross entropy of probabilities in (0, 1) against targets ({@code torch.nn.BCELoss});
 * optional {@code weight} (broadcast to the input) is a buffer. Prefer {@link BCEWithLogitsLoss},
 * which is stable for saturated inputs.
 */
public final class BCELoss extends Loss {
    /** Mean reduction, no weight. */
    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, buffer("weight"), reduction());
    }
}
