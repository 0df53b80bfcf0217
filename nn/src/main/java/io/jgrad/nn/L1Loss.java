package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** Absolute error |input - target|, reduced ({@code torch.nn.L1Loss}). */
public final class L1Loss extends Loss {
    /** Mean reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction());
    }
}
