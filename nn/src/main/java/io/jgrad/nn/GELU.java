package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * x * Phi(x), Phi the standard normal CDF ({@code torch.nn.GELU}); {@code approximate="tanh"}
 * uses 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Any shape.
 */
public final class GELU extends Module {
    private final String approximate;

    /** The exact (erf) form. */
    public GELU() {
        this("none");
    }

    /** {@code "none"} (erf) or {@code "tanh"}. */
    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh"))
            throw new IllegalArgumentException("GELU: approximate must be 'none' or 'tanh', got '" + approximate + "'");
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
