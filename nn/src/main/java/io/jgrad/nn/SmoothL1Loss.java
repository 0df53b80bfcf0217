package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** 0.5 d^2 / beta where |d| < beta, |d| - 0.5 beta elsewhere, d = input - target ({@code torch.nn.SmoothL1Loss}). */
public final class SmoothL1Loss extends Loss {
    private final double beta;

    /** Mean reduction, beta 1. */
    public SmoothL1Loss() {
        this(Reduction.MEAN, 1.0);
    }

    public SmoothL1Loss(Reduction reduction, double beta) {
        super(reduction);
        if (beta < 0) throw new IllegalArgumentException("SmoothL1Loss: beta must be non-negative, got " + beta);
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction(), beta);
    }
}
