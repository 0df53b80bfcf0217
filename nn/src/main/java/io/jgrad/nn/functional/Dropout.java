package io.jgrad.nn.functional;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;

/**
 * Dropout: in training, each element is zeroed with probability p and the others are scaled by
 * 1 / (1 - p), so the expected value is unchanged. The mask comes from the given generator, so a
 * seeded generator reproduces it; the random stream is jgrad's, not PyTorch's.
 */
public final class Dropout {
    private Dropout() {}

    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: probability has to be between 0 and 1, but got " + p);
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("dropout: expected a floating point input, got " + x.dtype());
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0);
        Tensor keep = Tensor.rand(gen, x.dtype(), x.shape()).ge(p);
        return x.mul(keep.to(x.dtype()).mul(1 / (1 - p)));
    }
}
