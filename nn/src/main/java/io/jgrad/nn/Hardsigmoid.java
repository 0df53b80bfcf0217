package io.jgrad.nn;

/** relu6(x + 3) / 6 ({@code torch.nn.Hardsigmoid}). */
public final class Hardsigmoid extends Activation {
    public Hardsigmoid() {
        super(F::hardsigmoid);
    }
}
