package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;

/**
 * Scales the lr linearly from {@code startFactor * base_lr} to {@code endFactor * base_lr} over
 * {@code totalIters} epochs, then keeps it (a warm-up) ({@code LinearLR}; defaults 1/3, 1, 5):
 * lr = base_lr * (start + (end - start) * min(epoch, totalIters) / totalIters).
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor, endFactor;
    private final int totalIters;

    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        if (!(startFactor > 0 && startFactor <= 1))
            throw new IllegalArgumentException("LinearLR: invalid start_factor " + startFactor + " (must be in (0, 1])");
        if (!(endFactor >= 0 && endFactor <= 1))
            throw new IllegalArgumentException("LinearLR: invalid end_factor " + endFactor + " (must be in [0, 1])");
        if (totalIters < 1) throw new IllegalArgumentException("LinearLR: invalid total_iters " + totalIters + " (must be >= 1)");
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        int e = lastEpoch();
        if (e == 0) return perGroup(i -> lr(i) * startFactor);
        if (e > totalIters) return currentLrs();
        double factor = 1 + (endFactor - startFactor) / (totalIters * startFactor + (e - 1) * (endFactor - startFactor));
        return perGroup(i -> lr(i) * factor);
    }

    @Override
    protected double[] closedFormLrs() {
        double factor = startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch()) / totalIters;
        return perGroup(i -> baseLr(i) * factor);
    }
}
