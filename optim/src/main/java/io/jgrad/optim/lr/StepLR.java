package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;

/** Multiplies the lr by {@code gamma} every {@code stepSize} epochs: lr = base_lr * gamma^floor(epoch / stepSize) ({@code StepLR}). */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        if (stepSize < 1) throw new IllegalArgumentException("StepLR: invalid step_size " + stepSize + " (must be >= 1)");
        this.stepSize = stepSize;
        this.gamma = gamma;
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        if (lastEpoch() == 0 || lastEpoch() % stepSize != 0) return currentLrs();
        return perGroup(i -> lr(i) * gamma);
    }

    @Override
    protected double[] closedFormLrs() {
        return perGroup(i -> baseLr(i) * Math.pow(gamma, Math.floorDiv(lastEpoch(), stepSize)));
    }
}
