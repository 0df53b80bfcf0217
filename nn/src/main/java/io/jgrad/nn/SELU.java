package io.jgrad.nn;

/** scale * (max(0, x) + min(0, alpha * (exp(x) - 1))) with the self-normalising constants ({@code torch.nn.SELU}). */
public final class SELU extends Activation {
    public SELU() {
        super(F::selu);
    }
}
