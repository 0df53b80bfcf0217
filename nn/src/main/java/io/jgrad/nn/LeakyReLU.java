package io.jgrad.nn;

/** x for x > 0, negative_slope * x otherwise ({@code torch.nn.LeakyReLU}). */
public final class LeakyReLU extends Activation {
    private final double negativeSlope;

    /** negative_slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        super(x -> F.leakyRelu(x, negativeSlope));
        this.negativeSlope = negativeSlope;
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + Repr.number(negativeSlope);
    }
}
