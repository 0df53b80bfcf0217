package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** log(softmax(x)) along {@code dim}, computed stably ({@code torch.nn.LogSoftmax}). */
public final class LogSoftmax extends AlongDim {
    /** Normalises along {@code dim} (negative counts from the end). */
    public LogSoftmax(int dim) {
        super(dim);
    }

    @Override
    Tensor apply(Tensor input, int dim) {
        return F.logSoftmax(input, dim);
    }
}
