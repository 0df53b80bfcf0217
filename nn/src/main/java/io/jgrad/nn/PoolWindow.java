package io.jgrad.nn;

/**
 * A pooling layer's window as the user gave it — each of kernel, stride and padding one value for
 * every spatial dim or one per dim (stride null means the kernel size) — checked once.
 */
record PoolWindow(int[] kernel, int[] stride, int[] padding) {
    static PoolWindow of(String layer, int spatialDims, int[] kernel, int[] stride, int[] padding) {
        int[] s = stride == null ? kernel.clone() : stride.clone();
        int[] k = Tuples.expand(layer, "kernel_size", kernel, spatialDims), p = Tuples.expand(layer, "padding", padding, spatialDims);
        for (int v : k) LayerInputs.positive(layer, "kernel_size", v);
        for (int v : Tuples.expand(layer, "stride", s, spatialDims)) LayerInputs.positive(layer, "stride", v);
        for (int i = 0; i < spatialDims; i++)
            if (p[i] < 0 || 2 * p[i] > k[i])
                throw new IllegalArgumentException(layer + ": padding should be at most half of the kernel size, got padding " + p[i] + " for kernel " + k[i]);
        return new PoolWindow(kernel.clone(), s, padding.clone());
    }

    /** {@code kernel_size=2, stride=2, padding=0}, printing each value as given. */
    String repr() {
        return "kernel_size=" + LayerInputs.given(kernel) + ", stride=" + LayerInputs.given(stride) + ", padding=" + LayerInputs.given(padding);
    }
}
