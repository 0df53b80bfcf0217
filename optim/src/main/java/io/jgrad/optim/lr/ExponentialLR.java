package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;

/** Multiplies the lr by {@code gamma} every epoch: lr = base_lr * gamma^epoch ({@code ExponentialLR}). */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        this.gamma = gamma;
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        if (lastEpoch() == 0) return currentLrs();
        return perGroup(i -> lr(i) * gamma);
    }

    @Override
    protected double[] closedFormLrs() {
        return perGroup(i -> baseLr(i) * Math.pow(gamma, lastEpoch()));
    }
}
