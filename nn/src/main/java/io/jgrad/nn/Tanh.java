package io.jgrad.nn;

/** The hyperbolic tangent elementwise ({@code torch.nn.Tanh}). */
public final class Tanh extends Activation {
    public Tanh() {
        super(F::tanh);
    }
}
