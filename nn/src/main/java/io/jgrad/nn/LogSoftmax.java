package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** log(softmax(x)) along {@code dim}, computed stably ({@code torch.nn.LogSoftmax}). */
public final class LogSoftmax extends Module {
    private final int dim;

    /** Normalises along {@code dim} (negative counts from the end). */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (dim < -Math.max(input.dim(), 1) || dim >= Math.max(input.dim(), 1))
            throw LayerInputs.badInput(this, "an input with dim " + dim, input);
        return input.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
