package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** The hyperbolic tangent elementwise ({@code torch.nn.Tanh}). Any shape. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
