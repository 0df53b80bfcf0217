package io.jgrad.nn;

import java.util.Locale;

/**
 * How a loss reduces its per-element values: PyTorch's {@code reduction} argument. {@link #BATCHMEAN}
 * (the sum divided by the batch size) is valid for {@code klDiv} only.
 */
public enum Reduction {
    /** The per-element (or per-sample) losses, unreduced. */
    NONE,
    /** Their mean (for class-index cross entropy and nll: weighted by the target classes' weights). */
    MEAN,
    /** Their sum. */
    SUM,
    /** Their sum divided by the input's first dim (kl_div). */
    BATCHMEAN;

    /** Parses PyTorch's spelling: "none", "mean", "sum" or "batchmean". */
    public static Reduction of(String name) {
        if (name != null) {
            for (Reduction r : values()) if (r.pyName().equals(name.toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException("reduction: expected one of none, mean, sum, batchmean, got '" + name + "'");
    }

    /** PyTorch's spelling, e.g. {@code "mean"}. */
    public String pyName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
