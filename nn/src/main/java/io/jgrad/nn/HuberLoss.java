package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** 0.5 d^2 where |d| < delta, delta (|d| - 0.5 delta) elsewhere, d = input - target ({@code torch.nn.HuberLoss}). */
public final class HuberLoss extends Loss {
    private final double delta;

    /** Mean reduction, delta 1. */
    public HuberLoss() {
        this(Reduction.MEAN, 1.0);
    }

    public HuberLoss(Reduction reduction, double delta) {
        super(reduction);
        if (!(delta > 0)) throw new IllegalArgumentException("HuberLoss: delta must be positive, got " + delta);
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction(), delta);
    }
}
