package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** exp(x) / sum(exp(x)) along {@code dim} ({@code torch.nn.Softmax}); each slice along dim sums to 1. */
public final class Softmax extends Module {
    private final int dim;

    /** Normalises along {@code dim} (negative counts from the end). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (dim < -Math.max(input.dim(), 1) || dim >= Math.max(input.dim(), 1))
            throw LayerInputs.badInput(this, "an input with dim " + dim, input);
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
