package io.jgrad.nn;

/** log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold ({@code torch.nn.Softplus}). */
public final class Softplus extends Activation {
    private final double beta, threshold;

    /** beta 1, threshold 20. */
    public Softplus() {
        this(1, 20);
    }

    public Softplus(double beta, double threshold) {
        super(x -> F.softplus(x, beta, threshold));
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    protected String extraRepr() {
        return "beta=" + Repr.integral(beta) + ", threshold=" + Repr.integral(threshold);
    }
}
