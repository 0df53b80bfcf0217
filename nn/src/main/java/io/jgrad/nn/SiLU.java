package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** x * sigmoid(x), also called swish ({@code torch.nn.SiLU}). Any shape. */
public final class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
