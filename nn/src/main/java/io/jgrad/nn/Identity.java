package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** Returns its input unchanged ({@code torch.nn.Identity}); a placeholder where a layer is optional. */
public final class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
