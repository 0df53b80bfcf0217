package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;

/**
 * Cosine annealing from the base lr down to {@code etaMin} over {@code tMax} epochs, rising again
 * along the same cosine after that ({@code CosineAnnealingLR}). Computed, as in PyTorch,
 * recursively from the current lr, which equals
 * {@code etaMin + (base_lr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2} when nothing else changes it.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        if (tMax < 1) throw new IllegalArgumentException("CosineAnnealingLR: invalid T_max " + tMax + " (must be >= 1)");
        this.tMax = tMax;
        this.etaMin = etaMin;
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        int e = lastEpoch();
        if (e == 0) return currentLrs();
        if (stepCount() == 1 && e > 0) return closedFormLrs();
        if (Math.floorMod(e - 1 - tMax, 2 * tMax) == 0) // at the bottom of the cosine the ratio below would be 0/0
            return perGroup(i -> lr(i) + (baseLr(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
        double ratio = (1 + Math.cos(Math.PI * e / tMax)) / (1 + Math.cos(Math.PI * (e - 1) / tMax));
        return perGroup(i -> ratio * (lr(i) - etaMin) + etaMin);
    }

    @Override
    protected double[] closedFormLrs() {
        return perGroup(i -> etaMin + (baseLr(i) - etaMin) * (1 + Math.cos(Math.PI * lastEpoch() / tMax)) / 2);
    }
}
