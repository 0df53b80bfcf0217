package io.jgrad.nn.functional;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Convolution;
import java.util.Arrays;
import java.util.Locale;

/**
 * Argument handling shared by the convolution and pooling functions: PyTorch's "one value means
 * the same for every spatial dim" tuples and the string paddings of convolution.
 */
public final class Spatial {
    private Spatial() {}

    /** {@code values} expanded to n entries: null gives {@code dflt} everywhere, one value is repeated. */
    public static int[] tuple(String op, String name, int[] values, int n, int dflt) {
        if (values == null) {
            int[] r = new int[n];
            Arrays.fill(r, dflt);
            return r;
        }
        if (values.length == n) return values.clone();
        if (values.length == 1) {
            int[] r = new int[n];
            Arrays.fill(r, values[0]);
            return r;
        }
        throw new IllegalArgumentException(op + ": " + name + " needs 1 or " + n + " values, got " + Arrays.toString(values));
    }

    /** A convolution with numeric, symmetric padding. */
    public static Tensor conv(String op, int spatial, Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        int[] pad = tuple(op, "padding", padding, spatial, 0);
        return Convolution.conv(op, spatial, x, weight, bias, tuple(op, "stride", stride, spatial, 1), pad, pad,
                tuple(op, "dilation", dilation, spatial, 1), groups);
    }

    /**
     * A convolution with padding "valid" (none) or "same" (the output has the input's size; the
     * total padding dilation (k - 1) is split with the odd element after the input, as in PyTorch).
     */
    public static Tensor conv(String op, int spatial, Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        int[] st = tuple(op, "stride", stride, spatial, 1), dil = tuple(op, "dilation", dilation, spatial, 1);
        int[] before = new int[spatial], after = new int[spatial];
        switch (padding == null ? "" : padding.toLowerCase(Locale.ROOT)) {
            case "valid" -> { }
            case "same" -> {
                for (int s : st)
                    if (s != 1) throw new IllegalArgumentException(op + ": padding='same' is not supported for strided convolutions (stride " + Arrays.toString(st) + ")");
                if (weight.dim() != spatial + 2)
                    throw new IllegalArgumentException(op + ": expected a " + (spatial + 2) + "-d weight, got weight of shape " + Arrays.toString(weight.shape()));
                for (int d = 0; d < spatial; d++) {
                    int total = dil[d] * (weight.size(2 + d) - 1);
                    before[d] = total / 2;
                    after[d] = total - before[d];
                }
            }
            default -> throw new IllegalArgumentException(op + ": padding must be \"same\", \"valid\" or numbers, got '" + padding + "'");
        }
        return Convolution.conv(op, spatial, x, weight, bias, st, before, after, dil, groups);
    }
}
