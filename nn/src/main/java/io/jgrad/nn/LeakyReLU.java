package io.jgrad.nn;

import io.jgrad.core.Tensor;

/** x for x > 0, negative_slope * x otherwise ({@code torch.nn.LeakyReLU}). Any shape. */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    /** negative_slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Repr.number(negativeSlope);
    }
}
