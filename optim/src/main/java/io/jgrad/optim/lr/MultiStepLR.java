package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;
import java.util.Arrays;

/** Multiplies the lr by {@code gamma} at each milestone epoch (a milestone listed twice decays twice) ({@code MultiStepLR}). */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        int[] sorted = milestones.clone();
        Arrays.sort(sorted);
        this.milestones = sorted;
        this.gamma = gamma;
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        int hits = 0;
        for (int m : milestones) if (m == lastEpoch()) hits++;
        if (hits == 0) return currentLrs();
        double factor = Math.pow(gamma, hits);
        return perGroup(i -> lr(i) * factor);
    }

    @Override
    protected double[] closedFormLrs() {
        int passed = 0;
        for (int m : milestones) if (m <= lastEpoch()) passed++;
        double factor = Math.pow(gamma, passed);
        return perGroup(i -> baseLr(i) * factor);
    }
}
