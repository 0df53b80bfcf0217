package io.jgrad.nn;

/**
 * x * Phi(x), Phi the standard normal CDF ({@code torch.nn.GELU}); {@code approximate="tanh"}
 * uses 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
 */
public final class GELU extends Activation {
    private final String approximate;

    /** The exact (erf) form. */
    public GELU() {
        this("none");
    }

    /** {@code "none"} (erf) or {@code "tanh"}. */
    public GELU(String approximate) {
        super(x -> F.gelu(x, approximate));
        if (!approximate.equals("none") && !approximate.equals("tanh"))
            throw new IllegalArgumentException("GELU: approximate must be 'none' or 'tanh', got '" + approximate + "'");
        this.approximate = approximate;
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
