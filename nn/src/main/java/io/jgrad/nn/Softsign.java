package io.jgrad.nn;

/** x / (1 + |x|) ({@code torch.nn.Softsign}). */
public final class Softsign extends Activation {
    public Softsign() {
        super(F::softsign);
    }
}
