package io.jgrad.nn;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;

/**
 * Splits dim {@code dim} into {@code unflattenedSize} ({@code torch.nn.Unflatten}); one size may
 * be -1 (inferred). (N, 12) with Unflatten(1, 3, 4) becomes (N, 3, 4).
 */
public final class Unflatten extends Module {
    private final int dim;
    private final int[] sizes;

    public Unflatten(int dim, int... unflattenedSize) {
        if (unflattenedSize.length == 0) throw new IllegalArgumentException("Unflatten: unflattened_size must not be empty");
        this.dim = dim;
        this.sizes = unflattenedSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int r = input.dim();
        if (dim < -r || dim >= r)
            throw LayerInputs.badInput(this, "an input with dim " + dim, input);
        int size = input.size(dim), known = 1;
        boolean infer = false;
        for (int s : sizes) {
            if (s == -1) infer = true;
            else known *= s;
        }
        if (infer ? known == 0 || size % known != 0 : known != size)
            throw LayerInputs.badInput(this, "dim " + dim + " of size " + (infer ? "divisible by " + known : String.valueOf(known))
                    + " to unflatten into " + Shape.str(sizes), input);
        return input.unflatten(dim, sizes);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + Repr.tuple(sizes);
    }
}
