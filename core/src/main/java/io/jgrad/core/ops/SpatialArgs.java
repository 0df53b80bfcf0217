package io.jgrad.core.ops;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.Arrays;

/** The argument checks shared by convolution, pooling and resampling, with PyTorch's wording. */
final class SpatialArgs {
    private SpatialArgs() {}

    /** Checks a (N, C, *spatial) or unbatched (C, *spatial) floating input; returns true if unbatched. */
    static boolean checkInput(String op, int spatial, Tensor x) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(op + ": expected a floating point input, got " + x.dtype());
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2)
            throw new IllegalArgumentException(op + ": expected a " + (spatial + 1) + "-d (unbatched) or " + (spatial + 2)
                    + "-d (batched) input, got input of shape " + Shape.str(x.shape()));
        return x.dim() == spatial + 1;
    }

    /** One value per spatial dim, each at least {@code min} (0: non-negative, 1: positive). */
    static void checkValues(String op, int spatial, int[] values, String name, int min) {
        if (values.length != spatial)
            throw new IllegalArgumentException(op + ": expected " + spatial + " value(s) for " + name + ", got " + Arrays.toString(values));
        for (int v : values)
            if (v < min) throw new IllegalArgumentException(op + ": " + name + " must be " + (min == 0 ? "non-negative" : "positive") + ", got " + Arrays.toString(values));
    }
}
