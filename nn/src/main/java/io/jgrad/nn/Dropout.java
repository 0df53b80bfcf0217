package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;

/**
 * In training mode, zeroes each element with probability {@code p} and scales the rest by
 * 1/(1-p) ({@code torch.nn.Dropout}); in eval mode, the identity. Any shape.
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /** Dropout(p=0.5). */
    public Dropout() {
        this(0.5);
    }

    /** Drops with probability {@code p}, drawing from the default generator. */
    public Dropout(double p) {
        this(p, Generator.defaultGenerator());
    }

    /** Drops with probability {@code p}, drawing masks from {@code generator} (for reproducible runs). */
    public Dropout(double p, Generator generator) {
        this.p = LayerInputs.probability("Dropout", "p", p);
        this.generator = generator;
    }

    public double p() { return p; }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Repr.number(p) + ", inplace=False";
    }
}
