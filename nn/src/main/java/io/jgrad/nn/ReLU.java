package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** max(0, x) elementwise ({@code torch.nn.ReLU}). Any shape. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
