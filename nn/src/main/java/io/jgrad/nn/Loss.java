package io.jgrad.nn;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Reduction;

/**
 * A loss as a module (PyTorch's {@code _Loss}): {@code forward(input, target)} with a fixed
 * {@link Reduction}. Losses keep class weights as buffers, so they move with {@code to(dtype)}.
 */
public abstract class Loss extends Module {
    private final Reduction reduction;

    /** A loss whose reduction is NONE, MEAN or SUM. */
    protected Loss(Reduction reduction) {
        this(reduction, false);
    }

    /** A loss that also accepts BATCHMEAN (sum / batch size) when {@code allowBatchMean}. */
    protected Loss(Reduction reduction, boolean allowBatchMean) {
        if (reduction == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction must not be null");
        if (reduction == Reduction.BATCHMEAN && !allowBatchMean)
            throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction BATCHMEAN is only meaningful for KLDivLoss");
        this.reduction = reduction;
    }

    /** How per-element losses are combined. */
    public Reduction reduction() {
        return reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Losses take a target too: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(typeName() + " needs a target: call forward(input, target)");
    }
}
