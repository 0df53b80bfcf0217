package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** 1 / (1 + exp(-x)) elementwise ({@code torch.nn.Sigmoid}). Any shape. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
