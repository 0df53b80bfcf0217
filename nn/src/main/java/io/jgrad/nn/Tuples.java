package io.jgrad.nn;

import java.util.Arrays;

/** PyTorch's {@code _single}/{@code _pair}: one size for every spatial dim, or one per dim. */
final class Tuples {
    private Tuples() {}

    static int[] expand(String layer, String name, int[] values, int dims) {
        if (values.length == dims) return values.clone();
        if (values.length != 1)
            throw new IllegalArgumentException(layer + ": " + name + " must have 1 or " + dims + " values, got " + Arrays.toString(values));
        int[] out = new int[dims];
        Arrays.fill(out, values[0]);
        return out;
    }

    static boolean all(int[] values, int v) {
        return Arrays.stream(values).allMatch(x -> x == v);
    }
}
