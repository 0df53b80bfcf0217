package io.jgrad.nn;

/** x clamped to [min_val, max_val] ({@code torch.nn.Hardtanh}). */
public final class Hardtanh extends Activation {
    private final double minVal, maxVal;

    /** [-1, 1]. */
    public Hardtanh() {
        this(-1, 1);
    }

    public Hardtanh(double minVal, double maxVal) {
        super(x -> F.hardtanh(x, minVal, maxVal));
        if (!(minVal < maxVal)) throw new IllegalArgumentException("Hardtanh: min_val (" + minVal + ") must be less than max_val (" + maxVal + ")");
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + Repr.number(minVal) + ", max_val=" + Repr.number(maxVal);
    }
}
