package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** exp(x) / sum(exp(x)) along {@code dim} ({@code torch.nn.Softmax}): each slice along dim sums to 1. */
public final class Softmax extends AlongDim {
    /** Normalises along {@code dim} (negative counts from the end). */
    public Softmax(int dim) {
        super(dim);
    }

    @Override
    Tensor apply(Tensor input, int dim) {
        return F.softmax(input, dim);
    }
}
