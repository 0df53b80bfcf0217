package io.jgrad.nn;

/** x * sigmoid(x), also called swish ({@code torch.nn.SiLU}). */
public final class SiLU extends Activation {
    public SiLU() {
        super(F::silu);
    }
}
