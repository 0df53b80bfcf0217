package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** A normalisation along one dim ({@link Softmax}, {@link LogSoftmax}): checks the dim against the input and prints it. */
abstract sealed class AlongDim extends Module permits Softmax, LogSoftmax {
    private final int dim;

    AlongDim(int dim) {
        this.dim = dim;
    }

    /** The op along {@code dim}. */
    abstract Tensor apply(Tensor input, int dim);

    @Override
    public Tensor forward(Tensor input) {
        int rank = Math.max(input.dim(), 1);
        if (dim < -rank || dim >= rank) throw LayerInputs.badInput(this, "an input with dim " + dim, input);
        return apply(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
