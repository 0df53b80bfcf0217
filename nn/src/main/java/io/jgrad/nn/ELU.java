package io.jgrad.nn;

/** x for x > 0, alpha * (exp(x) - 1) otherwise ({@code torch.nn.ELU}). */
public final class ELU extends Activation {
    private final double alpha;

    /** alpha 1. */
    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        super(x -> F.elu(x, alpha));
        this.alpha = alpha;
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + Repr.number(alpha);
    }
}
