package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Flattens dims {@code start_dim..end_dim} into one ({@code torch.nn.Flatten}); the default
 * (1, -1) keeps the batch dim: (N, C, H, W) becomes (N, C*H*W).
 */
public final class Flatten extends Module {
    private final int startDim, endDim;

    /** Flatten(start_dim=1, end_dim=-1). */
    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int r = Math.max(input.dim(), 1);
        int s = startDim < 0 ? startDim + r : startDim, e = endDim < 0 ? endDim + r : endDim;
        if (s < 0 || s >= r || e < 0 || e >= r || s > e)
            throw LayerInputs.badInput(this, "an input where dims " + startDim + ".." + endDim + " exist and start_dim <= end_dim", input);
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
