package io.jgrad.nn;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;

/** The one wording of bad-input errors for layers: {@code "Linear: expected ..., got input of shape [64, 100]"}. */
final class LayerInputs {
    private LayerInputs() {}

    static IllegalArgumentException badInput(Module layer, String expected, Tensor input) {
        return badInput(layer, expected, "input", input);
    }

    static IllegalArgumentException badInput(Module layer, String expected, String what, Tensor actual) {
        return new IllegalArgumentException(layer.typeName() + ": expected " + expected + ", got " + what + " of shape " + Shape.str(actual.shape()));
    }

    /** Rejects non-positive sizes in constructors, naming the layer and the argument. */
    static int positive(String layer, String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(layer + ": " + name + " must be positive, got " + value);
        return value;
    }

    /** Checks a dropout-like probability. */
    static double probability(String layer, String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(layer + ": " + name + " must be in [0, 1], got " + p);
        return p;
    }

    /** An int[] as PyTorch prints what the user passed: one value as a plain int, several as a tuple. */
    static String given(int[] values) {
        return values.length == 1 ? String.valueOf(values[0]) : Repr.tuple(values);
    }

    /** The spatial dims' letters for messages: "L" or "H, W". */
    static String spatial(int spatialDims) {
        return spatialDims == 1 ? "L" : spatialDims == 2 ? "H, W" : "D, H, W";
    }

    /** Requires an (N, C, *spatial) or unbatched (C, *spatial) input. */
    static void requireSpatial(Module layer, Tensor input, int spatialDims) {
        if (input.dim() != spatialDims + 1 && input.dim() != spatialDims + 2)
            throw badInput(layer, "input of shape (N, C, " + spatial(spatialDims) + ") or (C, " + spatial(spatialDims) + ")", input);
    }
}
