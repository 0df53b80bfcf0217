package io.jgrad.nn;

/** x * tanh(softplus(x)) ({@code torch.nn.Mish}). */
public final class Mish extends Activation {
    public Mish() {
        super(F::mish);
    }
}
