package io.jgrad.data;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;

/** Random orders of dataset indices, drawn like {@code torch.randperm} from a seeded generator. */
final class Permutations {
    private Permutations() {}

    /** A uniformly random permutation of {@code 0 .. n-1}. */
    static int[] random(Generator generator, int n) {
        long[] p = Tensor.randperm(generator, n).toLongArray();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) p[i];
        return order;
    }
}
